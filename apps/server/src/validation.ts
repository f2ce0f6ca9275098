import type { FieldError } from "@stream-tokens/api-types";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { ErrorCode } from "./errors.js";
import { maskSecrets } from "./logging.js";

// ajv-formats is CommonJS: its plugin is module.exports.default.
const addFormats = addFormatsModule.default;

export interface ValidatorRoute {
  schema: unknown;
  httpPart?: string | undefined;
  contentType?: string | undefined;
}

/**
 * Fastify validator compiler. Query strings, path parameters and form bodies arrive as text, so
 * their schemas coerce ("true" -> true, "20" -> 20); JSON bodies are typed already and must match
 * exactly ({"permanent": "yes"} is a 400, not a silent true).
 */
export function createValidatorCompiler(): (route: ValidatorRoute) => ValidateFunction {
  const common = { strict: false, allErrors: true, useDefaults: true } as const;
  const coercing = new Ajv({ ...common, coerceTypes: true });
  const exact = new Ajv({ ...common, coerceTypes: false });
  addFormats(coercing);
  addFormats(exact);
  return ({ schema, httpPart, contentType }) => {
    const ajv = httpPart === "body" && contentType !== "application/x-www-form-urlencoded" ? exact : coercing;
    if (typeof schema !== "object" || schema === null) throw new Error("a route schema must be an object");
    return ajv.compile(schema);
  };
}

/** Turns ajv errors into the error body's `fields`: one entry per field, named like the wire. */
export function fieldErrorsOf(errors: readonly ErrorObject[], part: string | undefined): FieldError[] {
  const fields = new Map<string, FieldError>();
  for (const error of errors) {
    const name = fieldNameOf(error, part);
    if (fields.has(name)) continue;
    fields.set(name, { name, message: messageOf(error, part), error_code: ErrorCode.validation });
  }
  return [...fields.values()];
}

/** An unknown name is the caller's text, echoed back: at most this long, and with secrets masked. */
const ECHOED_NAME_LENGTH = 100;

function fieldNameOf(error: ErrorObject, part: string | undefined): string {
  if (error.keyword === "required" && typeof error.params.missingProperty === "string") {
    return error.params.missingProperty;
  }
  if (error.keyword === "additionalProperties" && typeof error.params.additionalProperty === "string") {
    return maskSecrets(error.params.additionalProperty.slice(0, ECHOED_NAME_LENGTH));
  }
  const first = error.instancePath.split("/")[1];
  if (first) return first.replaceAll("~1", "/").replaceAll("~0", "~");
  return part === "body" || part === undefined ? "body" : part;
}

function messageOf(error: ErrorObject, part: string | undefined): string {
  if (error.keyword === "required") return "is required";
  if (error.keyword === "additionalProperties") {
    return part === "querystring" ? "is not a known query parameter" : "is not a known field";
  }
  return error.message ?? "is invalid";
}
