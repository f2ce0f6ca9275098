import type { StreamToken } from "@stream-tokens/api-types";

type Expiring = Pick<StreamToken, "expires">;

function millis(now: Date | number | undefined): number {
  if (now === undefined) return Date.now();
  return typeof now === "number" ? now : now.getTime();
}

/** A permanent token has no expiry (`expires: null`). */
export function isPermanent(token: Expiring): boolean {
  return token.expires === null;
}

/** Whether a temporary token's expiry has passed at `now` (default: the current time). */
export function isExpired(token: Expiring, now?: Date | number): boolean {
  const left = timeLeft(token, now);
  return left !== null && left <= 0;
}

/**
 * Milliseconds until a temporary token expires (0 once it has, or when `expires` is unreadable),
 * or null for a permanent token.
 */
export function timeLeft(token: Expiring, now?: Date | number): number | null {
  if (token.expires === null) return null;
  const expires = Date.parse(token.expires);
  if (Number.isNaN(expires)) return 0;
  return Math.max(0, expires - millis(now));
}
