// What the generated checks (src/generated/checks.ts) share: the issue they report, the wording of
// a value they refuse, the nearest known key of an unknown one, and the steps every check takes.

/** What a check found wrong: the field at fault (`""` for the whole value) and what is wrong with it. */
export class Issue {
  readonly field: string;
  readonly message: string;
  /** For an unknown key: the keys the object may have. */
  readonly known: readonly string[] | undefined;

  constructor(field: string, message: string, known?: readonly string[]) {
    this.field = field;
    this.message = message;
    this.known = known;
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A value as a message shows it: short strings and scalars as they are, anything else by its kind. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return value.length > 20 ? "a string" : JSON.stringify(value);
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "an array" : "an object";
  return typeof value === "function" ? "a function" : String(value);
}

/** `value` refused: it `must be` what `expected` says. */
export const fail = (field: string, expected: string, value: unknown): Issue =>
  new Issue(field, `must be ${expected}, got ${describeValue(value)}`);

/** The path of a property or an item inside the value at `path`. */
const at = (path: string, key: string | number): string =>
  typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** The length of a string in code points, as JSON Schema counts it. */
export function codePoints(text: string): number {
  let length = text.length;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) length--;
  }
  return length;
}

/** The edit distance (insertions, deletions, substitutions) between two lower-case keys. */
function distance(a: string, b: string): number {
  // One row of the table, updated in place; `diagonal` holds the cell above-left of the one computed.
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = i - 1;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/** The known key nearest to `key` (one that begins the other counts as near), or undefined when none is close. */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  let nearest: string | undefined;
  let best = (key.length > 3 ? Math.max(3, key.length / 3) : 1) + 0.5;
  const lower = key.toLowerCase();
  for (const candidate of known) {
    const other = candidate.toLowerCase();
    const d =
      lower.length > 2 && (lower.startsWith(other) || other.startsWith(lower)) ? 1 : distance(lower, other);
    if (d < best) {
      best = d;
      nearest = candidate;
    }
  }
  return nearest;
}

/** An unknown key refused, with the nearest known key, or the known keys when none is near. */
export function unknownKey(path: string, key: string, known: readonly string[]): Issue {
  const nearest = nearestKey(key, known);
  const hint = nearest ? `did you mean "${nearest}"?` : `known keys: ${known.join(", ") || "none"}`;
  return new Issue(at(path, key), `is not a known key (${hint})`, known);
}

/** The first key of `value` that `known` lacks, refused. */
export function closed(value: Record<string, unknown>, path: string, known: readonly string[]) {
  for (const key of Object.keys(value)) if (!known.includes(key)) return unknownKey(path, key, known);
  return undefined;
}

/** Checks the scalar `value[name]` with `test`; absent passes unless it is required. */
export function field(
  value: Record<string, unknown>,
  path: string,
  name: string,
  test: (v: unknown) => boolean,
  expected: string,
  required?: boolean,
): Issue | undefined {
  const v = value[name];
  if (v === undefined) return required ? new Issue(at(path, name), "is required") : undefined;
  return test(v) ? undefined : fail(at(path, name), expected, v);
}

type Validate = (value: unknown, path: string) => Issue | undefined;

/** Checks the object or array `value[name]` with its validator; absent passes unless it is required. */
export function nested(
  value: Record<string, unknown>,
  path: string,
  name: string,
  validate: Validate,
  required?: boolean,
): Issue | undefined {
  const v = value[name];
  if (v === undefined) return required ? new Issue(at(path, name), "is required") : undefined;
  return validate(v, at(path, name));
}

/** Checks every item of an array; the Issue names the first one at fault. */
export function items(value: readonly unknown[], path: string, validate: Validate): Issue | undefined {
  for (let index = 0; index < value.length; index++) {
    const issue = validate(value[index], at(path, index));
    if (issue) return issue;
  }
  return undefined;
}

/** The keys `known` of a checked object that are set, and the `defaults` of those that are not. */
export function copyKnown(
  value: unknown,
  known: readonly string[],
  defaults: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of known) {
    const v = (isObject(value) ? value[key] : undefined) ?? defaults[key];
    if (v !== undefined) copy[key] = v;
  }
  return copy;
}

/**
 * `T` as a caller passes it: the keys `Defaulted` (which the spec gives a default) may be left out,
 * and every optional key also takes `undefined`, which counts as absent (so that
 * `{ permanent: maybe }` compiles under `exactOptionalPropertyTypes`).
 */
export type CallerParams<T, Defaulted extends keyof T = never> = AcceptUndefined<
  Omit<T, Defaulted> & Partial<Pick<T, Defaulted>>
>;

type AcceptUndefined<T> = {
  // biome-ignore lint/complexity/noBannedTypes: `{} extends Pick<T, K>` is how a key is found optional
  [K in keyof T]: T[K] | ({} extends Pick<T, K> ? undefined : never);
};
