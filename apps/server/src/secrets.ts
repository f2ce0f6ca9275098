import { hash, randomBytes } from "node:crypto";

/** Stream-token keys: "st_" + 192 random bits in base64url, so a key is never all digits. */
export const STREAM_KEY_PREFIX = "st_";
const STREAM_KEY_RANDOM_BYTES = 24;
/** Api tokens: "at_" + 256 random bits in base64url. Only their SHA-256 hashes are stored. */
const API_TOKEN_PREFIX = "at_";
const API_TOKEN_RANDOM_BYTES = 32;

export function newStreamKey(): string {
  return STREAM_KEY_PREFIX + randomBytes(STREAM_KEY_RANDOM_BYTES).toString("base64url");
}

/** `count` keys from one call to the generator: the bulk fixture needs them fast. */
export function newStreamKeys(count: number): string[] {
  const pool = randomBytes(STREAM_KEY_RANDOM_BYTES * count);
  const keys: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const start = i * STREAM_KEY_RANDOM_BYTES;
    keys[i] = STREAM_KEY_PREFIX + pool.subarray(start, start + STREAM_KEY_RANDOM_BYTES).toString("base64url");
  }
  return keys;
}

export function newApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(API_TOKEN_RANDOM_BYTES).toString("base64url");
}

/**
 * SHA-256 of an api token, base64. The string keys the store's principal cache; the database's
 * `token_hash` column holds the digest's bytes (`Buffer.from(hash, "base64")`).
 */
export function hashApiToken(token: string): string {
  return hash("sha256", token, "base64");
}

/** Masks a secret for logs, keeping only its kind prefix ("st_", "at_") when it has one. */
export function maskSecret(secret: string): string {
  const prefix =
    secret.startsWith(STREAM_KEY_PREFIX) || secret.startsWith(API_TOKEN_PREFIX) ? secret.slice(0, 3) : "";
  return `${prefix}***`;
}
