import type { StreamToken } from "@stream-tokens/api-types";

type Expiring = Pick<StreamToken, "expires">;

/** A permanent token has no expiry (`expires: null`). */
export function isPermanent(token: Expiring): boolean {
  return token.expires === null;
}

/** Whether a temporary token's expiry has passed at `now` (default: the current time). */
export function isExpired(token: Expiring, now?: Date | number): boolean {
  return timeLeft(token, now) === 0;
}

/**
 * Milliseconds until a temporary token expires (0 once it has, or when `expires` is unreadable),
 * or null for a permanent token.
 */
export function timeLeft(token: Expiring, now?: Date | number): number | null {
  if (token.expires === null) return null;
  // An unreadable `expires` parses to NaN, which counts as long past.
  return Math.max(0, (Date.parse(token.expires) || 0) - Number(now ?? Date.now()));
}
