import { ValidationError } from "./errors.js";

/** Largest `limit` the API accepts. */
export const MAX_LIMIT = 100;

export function optionalBoolean(field: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === "boolean") return value;
  throw new ValidationError(field, `must be true or false, got ${describe(value)}`);
}

export function requiredBoolean(field: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  throw new ValidationError(field, `must be true or false, got ${describe(value)}`);
}

export function integerInRange(field: string, value: unknown, min: number, max: number): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
  throw new ValidationError(field, `must be an integer ${range}, got ${describe(value)}`);
}

export function positiveDuration(field: string, value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
  throw new ValidationError(field, `must be a positive number of milliseconds, got ${describe(value)}`);
}

export function optionalObject(field: string, value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  throw new ValidationError(field, `must be an object, got ${describe(value)}`);
}

const ALL_DIGITS = /^[0-9]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL_OR_EDGE_SPACE = /[\u0000-\u001f\u007f]|^\s|\s$/;

/**
 * Checks a stream token's id (a positive integer, or its digits) or key, and returns it as the
 * path segment's raw value. Keys that would change the path once resolved (`.`, `..`) are refused;
 * everything else is percent-encoded by the caller.
 */
export function idOrKey(value: unknown): string {
  if (typeof value === "number") {
    if (Number.isSafeInteger(value) && value > 0) return String(value);
    throw new ValidationError("idOrKey", `an id must be a positive integer, got ${describe(value)}`);
  }
  if (typeof value !== "string") {
    throw new ValidationError(
      "idOrKey",
      `must be a positive integer id or a key string, got ${describe(value)}`,
    );
  }
  if (value.length === 0) throw new ValidationError("idOrKey", "must not be empty");
  if (ALL_DIGITS.test(value)) {
    if (/^0+$/.test(value) || !Number.isSafeInteger(Number(value))) {
      throw new ValidationError("idOrKey", "an all-digits value is an id and must be a positive integer");
    }
    return value;
  }
  if (value === "." || value === "..") {
    throw new ValidationError("idOrKey", "a key cannot be '.' or '..'");
  }
  if (CONTROL_OR_EDGE_SPACE.test(value) || value.length > 512) {
    throw new ValidationError(
      "idOrKey",
      "a key cannot hold control characters or surrounding spaces, or be longer than 512 characters",
    );
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === "string") return value.length > 20 ? "a string" : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) {
    return String(value);
  }
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}
