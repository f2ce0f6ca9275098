/**
 * The check of a server's answer that tests share. The place for the one response validator compiled
 * from the spec (issue 11 item 1: generated validators in @stream-tokens/api-types): when those land,
 * these guards become re-exports of the generated ones, and every caller keeps its import.
 */
import type { ErrorBody, StreamToken } from "@stream-tokens/api-types";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** True when `value` is exactly the NeuroIO error body of the spec. */
export function isErrorBody(value: unknown): value is ErrorBody {
  if (!isRecord(value) || typeof value.message !== "string") return false;
  if (!Array.isArray(value.error_codes) || value.error_codes.length === 0) return false;
  if (!value.error_codes.every(Number.isInteger)) return false;
  if (!Array.isArray(value.fields)) return false;
  return value.fields.every(
    (field) =>
      isRecord(field) &&
      typeof field.name === "string" &&
      typeof field.message === "string" &&
      Number.isInteger(field.error_code),
  );
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** True when `value` is a stream token as the spec describes it. */
export function isStreamToken(value: unknown): value is StreamToken {
  return (
    isRecord(value) &&
    Number.isSafeInteger(value.id) &&
    typeof value.key === "string" &&
    value.key.length > 0 &&
    !/^\d+$/.test(value.key) &&
    typeof value.is_active === "boolean" &&
    typeof value.created === "string" &&
    DATE_TIME.test(value.created) &&
    (value.expires === null || (typeof value.expires === "string" && DATE_TIME.test(value.expires)))
  );
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
