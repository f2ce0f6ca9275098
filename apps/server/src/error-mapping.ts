import type { ErrorObject } from "ajv";
import { ApiError, ErrorCode } from "./errors.js";
import { fieldErrorsOf } from "./validation.js";

/**
 * Fastify's own errors, by code, in the spec's terms. Bodies are parsed by app.ts's own parsers, so
 * Fastify's JSON-parser errors never occur; its 413 and 415 errors are mapped by status.
 */
const FASTIFY_ERRORS: Record<string, () => ApiError> = {
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new ApiError(400, ErrorCode.malformedBody, "The request body does not match its Content-Length."),
  FST_ERR_BAD_URL: () => new ApiError(400, ErrorCode.validation, "The request URL is malformed."),
};

export const malformedJson = (): ApiError =>
  new ApiError(400, ErrorCode.malformedBody, "The request body is not well-formed JSON.");

export const internalError = (): ApiError => new ApiError(500, ErrorCode.internal, "Internal server error.");

/** Any error thrown while answering a request, as the error body the client gets. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (!(error instanceof Error)) return internalError();
  const validation = propertyOf(error, "validation");
  if (Array.isArray(validation)) {
    const part = propertyOf(error, "validationContext");
    return new ApiError(
      400,
      ErrorCode.validation,
      "Invalid request.",
      fieldErrorsOf(validation.filter(isAjvError), typeof part === "string" ? part : undefined),
    );
  }
  const code = propertyOf(error, "code");
  const known = typeof code === "string" ? FASTIFY_ERRORS[code] : undefined;
  if (known) return known();
  const status = propertyOf(error, "statusCode");
  if (typeof status === "number" && status >= 400 && status < 500) return byStatus(status);
  return internalError();
}

function byStatus(status: number): ApiError {
  switch (status) {
    case 404:
      return new ApiError(404, ErrorCode.routeNotFound, "No such route.");
    case 405:
      return new ApiError(405, ErrorCode.methodNotAllowed, "Method not allowed.");
    case 413:
      return new ApiError(413, ErrorCode.bodyTooLarge, "Request body is too large.");
    case 415:
      return new ApiError(415, ErrorCode.unsupportedMediaType, "Unsupported media type of the request body.");
    case 429:
      return new ApiError(429, ErrorCode.rateLimited, "Too many requests.", [], { "retry-after": "1" });
    default:
      return new ApiError(400, ErrorCode.malformedBody, "Malformed request.");
  }
}

function propertyOf(value: object, name: string): unknown {
  return Reflect.get(value, name);
}

function isAjvError(value: unknown): value is ErrorObject {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof propertyOf(value, "keyword") === "string" &&
    typeof propertyOf(value, "instancePath") === "string"
  );
}
