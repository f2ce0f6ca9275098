import { describeValue, Issue, parameterBounds, unknownKey } from "@stream-tokens/api-types";
import { ValidationError } from "./errors.js";

/** The value a generated check returns, or its Issue thrown as a ValidationError named after `root`. */
export function checked<T>(result: T | Issue, root = "params"): T {
  if (result instanceof Issue) throw new ValidationError(result.field || root, result.message);
  return result;
}

/**
 * Refuses the keys of an options object that `known` lacks, worded and matched to the nearest known
 * key as the generated checks of the spec's parameters do. `known` is a record so that its type can
 * demand every key of the options' interface.
 */
export function refuseUnknownKeys(value: object, known: Readonly<Record<string, true>>): void {
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(known, key)) checked(unknownKey("", key, Object.keys(known)));
  }
}

export function optionalBoolean(field: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === "boolean") return value;
  throw new ValidationError(field, `must be true or false, got ${describeValue(value)}`);
}

/** An integer from `min` to `max`; `fallback` when absent. */
export function integerInRange<T>(
  field: string,
  value: unknown,
  min: number,
  max: number,
  fallback: T,
): number | T {
  if (value === undefined) return fallback;
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
  throw new ValidationError(field, `must be an integer ${range}, got ${describeValue(value)}`);
}

/** A positive number of milliseconds; `fallback` when absent. */
export function positiveDuration<T>(field: string, value: unknown, fallback: T): number | T {
  if (value === undefined) return fallback;
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
  throw new ValidationError(field, `must be a positive number of milliseconds, got ${describeValue(value)}`);
}

/** A params or options object (absent: empty), or a ValidationError naming `field`. */
export function objectOf(value: unknown, field = "params"): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  throw new ValidationError(field, `must be an object, got ${describeValue(value)}`);
}

/** An options object (absent: empty) whose keys are all in `known`. */
export function optionsObject(
  field: string,
  value: unknown,
  known: Readonly<Record<string, true>>,
): Record<string, unknown> {
  const options = objectOf(value, field);
  refuseUnknownKeys(options, known);
  return options;
}

const ALL_DIGITS = /^[0-9]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL_OR_EDGE_SPACE = /[\u0000-\u001f\u007f]|^\s|\s$/;
const { maxLength: MAX_KEY_LENGTH } = parameterBounds.IdOrKey;

/**
 * Checks a stream token's id (a positive integer, or its digits) or key, and returns it as the
 * path segment's raw value. Keys that would change the path once resolved (`.`, `..`) are refused;
 * everything else is percent-encoded by the caller.
 */
export function idOrKey(value: unknown): string {
  if (typeof value === "number") {
    if (Number.isSafeInteger(value) && value > 0) return String(value);
    throw new ValidationError("idOrKey", `an id must be a positive integer, got ${describeValue(value)}`);
  }
  if (typeof value !== "string") {
    throw new ValidationError(
      "idOrKey",
      `must be a positive integer id or a key string, got ${describeValue(value)}`,
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
  if (CONTROL_OR_EDGE_SPACE.test(value) || [...value].length > MAX_KEY_LENGTH) {
    throw new ValidationError(
      "idOrKey",
      `a key cannot hold control characters or surrounding spaces, or be longer than ${MAX_KEY_LENGTH} characters`,
    );
  }
  return value;
}
