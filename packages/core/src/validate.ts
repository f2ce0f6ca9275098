import { describeValue, IdOrKeyBounds, Issue, isObject, unknownKey } from "@stream-tokens/api-types";
import { ValidationError } from "./errors.js";

/** The value a generated check returns, or its Issue thrown as a ValidationError named after `root`. */
export function checked<T>(result: T | Issue, root = "params"): T {
  if (result instanceof Issue) throw new ValidationError(result.field || root, result.message);
  return result;
}

/** What an option must be: its test, and what passes it in words ("true or false"). */
export type Rule<T = unknown> = readonly [test: (value: unknown) => value is T, expected: string];
/** The rule of each key of an options object of type `T`: the compiler demands one for every key. */
export type Rules<T> = { readonly [K in keyof T]-?: Rule };

export const DURATION: Rule<number> = [
  (value): value is number => typeof value === "number" && Number.isFinite(value) && value > 0,
  "a positive number of milliseconds",
];
export const BOOLEAN: Rule<boolean> = [(value) => typeof value === "boolean", "true or false"];
export const FUNCTION: Rule = [(value) => typeof value === "function", "a function"];
export const SIGNAL: Rule<AbortSignal> = [(value) => value instanceof AbortSignal, "an AbortSignal"];
/** For an option checked elsewhere (or not at all): only its name is known. */
export const ANY: Rule = [(_value): _value is unknown => true, "anything"];

/** An integer from `min` to `max` (none: any safe integer). */
export const integer = (min: number, max = Number.MAX_SAFE_INTEGER): Rule<number> => [
  (value): value is number =>
    typeof value === "number" && Number.isInteger(value) && value >= min && value <= max,
  max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`,
];

/** `value` unless it breaks `rule`: a ValidationError naming `field` then. Absent passes. */
export function checkValue<T>(field: string, value: unknown, rule: Rule<T>): T | undefined {
  if (value === undefined || rule[0](value)) return value;
  throw new ValidationError(field, `must be ${rule[1]}, got ${describeValue(value)}`);
}

/**
 * An options object (absent: none) whose keys all have a rule, unknown ones refused (the nearest
 * known key named, as the generated checks of the spec's parameters do), set values passing theirs.
 */
export function checkOptions<T extends object>(
  field: string,
  value: T | undefined,
  rules: Rules<T>,
): Partial<T> {
  const options = objectOf(value, field);
  const known: Readonly<Record<string, Rule>> = rules;
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(known, key)) checked(unknownKey("", key, Object.keys(known)));
  }
  for (const [key, rule] of Object.entries(known)) checkValue(key, options[key], rule);
  return value ?? {};
}

/** A params or options object (absent: empty), or a ValidationError naming `field`. */
export function objectOf(value: unknown, field = "params"): Record<string, unknown> {
  if (value === undefined) return {};
  if (isObject(value)) return value;
  throw new ValidationError(field, `must be an object, got ${describeValue(value)}`);
}

const ALL_DIGITS = /^[0-9]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL_OR_EDGE_SPACE = /[\u0000-\u001f\u007f]|^\s|\s$/;
const { maxLength: MAX_KEY_LENGTH } = IdOrKeyBounds;
const ID_OR_KEY = `a positive integer id, or a key of at most ${MAX_KEY_LENGTH} characters without control characters or surrounding spaces (not "." or "..")`;

/** Whether `value` may be a key: one that would change the path once resolved (`.`, `..`) may not. */
const mayBeKey = (value: string): boolean =>
  value !== "" &&
  value !== "." &&
  value !== ".." &&
  !CONTROL_OR_EDGE_SPACE.test(value) &&
  [...value].length <= MAX_KEY_LENGTH;

/** A checked id or key: its path segment's raw value (which the caller percent-encodes). */
export interface IdOrKey {
  value: string;
  /** A key is a secret: masked where the path is shown. */
  isKey: boolean;
}

/** Checks a stream token's id (a positive integer, or its digits) or key. */
export function idOrKey(value: unknown): IdOrKey {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) {
    return { value: String(value), isKey: false };
  }
  if (typeof value === "string") {
    const isKey = !ALL_DIGITS.test(value);
    if (isKey ? mayBeKey(value) : Number.isSafeInteger(+value) && +value > 0) return { value, isKey };
  }
  throw new ValidationError("idOrKey", `must be ${ID_OR_KEY}, got ${describeValue(value)}`);
}
