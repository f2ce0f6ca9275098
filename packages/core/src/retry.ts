/** Statuses worth another attempt of an idempotent call. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export interface BackoffOptions {
  /** The first wait, in ms (default 500). */
  initialDelay: number;
  /** The longest wait, in ms (default 8000). */
  maxDelay: number;
}

/**
 * The wait before retry number `retry` (1 for the first retry): doubling from `initialDelay` up to
 * `maxDelay`, with up to 25% taken off at random so that many clients do not retry in step.
 */
export function backoffDelay(
  retry: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelay, options.initialDelay * 2 ** (retry - 1));
  return ceiling * (1 - 0.25 * random());
}

/**
 * The wait a `Retry-After` header asks for, in ms: delta-seconds or an HTTP date. Null when the
 * header is absent or unreadable.
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
