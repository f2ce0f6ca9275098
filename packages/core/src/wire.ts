import type { FieldError, StreamToken } from "@stream-tokens/api-types";
import { InvalidResponseError } from "./errors.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ISO 8601 with an offset, as the API writes it: 2021-05-28T10:37:51.433760+00:00
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i;

function isDateTime(value: unknown): value is string {
  return typeof value === "string" && DATE_TIME.test(value);
}

export function isStreamToken(value: unknown): value is StreamToken {
  return (
    isRecord(value) &&
    typeof value.id === "number" &&
    Number.isSafeInteger(value.id) &&
    typeof value.key === "string" &&
    typeof value.is_active === "boolean" &&
    isDateTime(value.created) &&
    (value.expires === null || isDateTime(value.expires))
  );
}

export function parseToken(data: unknown, status: number): StreamToken {
  if (isStreamToken(data)) return data;
  throw new InvalidResponseError("the server's answer is not a stream token", status);
}

export function parseTokenList(data: unknown, status: number): StreamToken[] {
  if (Array.isArray(data) && data.every(isStreamToken)) return data;
  throw new InvalidResponseError("the server's answer is not a list of stream tokens", status);
}

export interface ParsedErrorBody {
  errorCodes: number[];
  message: string | undefined;
  fields: FieldError[];
}

function isFieldError(value: unknown): value is FieldError {
  return (
    isRecord(value) &&
    typeof value.name === "string" &&
    typeof value.message === "string" &&
    typeof value.error_code === "number"
  );
}

/** Reads what it can of an error body; a body of another shape (a proxy's HTML page) yields nothing. */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  if (!isRecord(body)) return { errorCodes: [], message: undefined, fields: [] };
  const codes = Array.isArray(body.error_codes)
    ? body.error_codes.filter((code): code is number => typeof code === "number")
    : [];
  const fields = Array.isArray(body.fields) ? body.fields.filter(isFieldError) : [];
  return {
    errorCodes: codes,
    message: typeof body.message === "string" ? body.message : undefined,
    fields,
  };
}
