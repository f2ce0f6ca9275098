const ELLIPSIS = "\u2026";

/**
 * Masks a secret for display: `st_3q2Vw8Xk1TnR0bYh5LmPzA9cJe` becomes `st_3q…9cJe`. Values too short
 * to show any part safely become `…`.
 */
export function maskSecret(value: string): string {
  if (value.length >= 16) return `${value.slice(0, 5)}${ELLIPSIS}${value.slice(-4)}`;
  if (value.length >= 10) return `${value.slice(0, 2)}${ELLIPSIS}`;
  return ELLIPSIS;
}

const AUTH_HEADER_VALUE = /\b(Token|Bearer) ([^\s"',;\u2026]{8,})(?=[\s"',;]|$)/g;

/**
 * Replaces every known secret inside `text` with its mask, and masks the value of any
 * `Token <key>`/`Bearer <key>` credential that appears in it.
 */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    if (result.includes(secret)) result = result.split(secret).join(maskSecret(secret));
  }
  return result.replace(
    AUTH_HEADER_VALUE,
    (_match, scheme: string, value: string) => `${scheme} ${maskSecret(value)}`,
  );
}

const SECRET_FIELD_NAMES = new Set(["key", "apitoken", "api_token", "authorization", "token", "secret"]);

/** A deep copy of `value` in which secret-named string fields and known secrets are masked. */
export function redactValue<T>(value: T, secrets: Iterable<string> = []): T {
  return redactCopy(value, secrets, 0) as T; // Strings stay strings, so the shape is the same.
}

function redactCopy(value: unknown, secrets: Iterable<string>, depth: number): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (value === null || typeof value !== "object" || depth > 6) return value;
  if (Array.isArray(value)) return value.map((item) => redactCopy(item, secrets, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    copy[name] =
      typeof field === "string" && SECRET_FIELD_NAMES.has(name.toLowerCase())
        ? maskSecret(field)
        : redactCopy(field, secrets, depth + 1);
  }
  return copy;
}
