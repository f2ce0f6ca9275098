import { type FieldError, Issue, isFieldError, isObject } from "@stream-tokens/api-types";
import { InvalidResponseError } from "./errors.js";

/**
 * A server's answer as a generated check of the spec accepted it (fields the spec does not name
 * kept), or an InvalidResponseError that says what is wrong with it.
 */
export function parseAnswer<T>(result: T | Issue, status: number, what: string): T {
  if (!(result instanceof Issue)) return result;
  const where = result.field === "" ? "" : `${result.field} `;
  throw new InvalidResponseError(`the server's answer is not ${what}: ${where}${result.message}`, status);
}

export interface ParsedErrorBody {
  errorCodes: number[];
  message: string | undefined;
  fields: FieldError[];
}

/** Reads what it can of an error body; a body of another shape (a proxy's HTML page) yields nothing. */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  const { error_codes: codes, message, fields } = isObject(body) ? body : {};
  return {
    errorCodes: Array.isArray(codes) ? codes.filter((code): code is number => typeof code === "number") : [],
    message: typeof message === "string" ? message : undefined,
    fields: Array.isArray(fields) ? fields.filter(isFieldError) : [],
  };
}
