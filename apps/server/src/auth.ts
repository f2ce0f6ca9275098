import { ApiError, ErrorCode } from "./errors.js";
import type { Principal, Store } from "./store.js";

const WINDOW_MS = 60_000;

/**
 * Reads `Authorization: Token <api_token>` and finds its principal. Too many failed
 * authentications from one address within a minute answer 429 until the minute is over.
 */
export class Authenticator {
  readonly #store: Store;
  readonly #failuresPerMinute: number;
  readonly #clock: () => number;
  readonly #failures = new Map<string, { windowStart: number; count: number }>();

  constructor(store: Store, failuresPerMinute: number, clock: () => number = Date.now) {
    this.#store = store;
    this.#failuresPerMinute = failuresPerMinute;
    this.#clock = clock;
  }

  authenticate(header: string | undefined, address: string): Principal {
    this.#refuseWhenLimited(address);
    const apiToken = tokenOf(header);
    if (apiToken === undefined) {
      this.#recordFailure(address);
      throw new ApiError(
        401,
        ErrorCode.missingAuthorization,
        "Authorization header must be 'Token <api_token>'.",
      );
    }
    const principal = this.#store.authenticate(apiToken);
    if (principal === undefined) {
      this.#recordFailure(address);
      throw new ApiError(401, ErrorCode.unknownApiToken, "Invalid api token.");
    }
    return principal;
  }

  #refuseWhenLimited(address: string): void {
    const entry = this.#failures.get(address);
    if (entry === undefined) return;
    const elapsed = this.#clock() - entry.windowStart;
    if (elapsed >= WINDOW_MS) {
      this.#failures.delete(address);
      return;
    }
    if (entry.count >= this.#failuresPerMinute) {
      const retryAfter = Math.max(1, Math.ceil((WINDOW_MS - elapsed) / 1000));
      throw new ApiError(
        429,
        ErrorCode.rateLimited,
        `Too many failed authentications. Retry after ${retryAfter} seconds.`,
        [],
        { "retry-after": String(retryAfter) },
      );
    }
  }

  #recordFailure(address: string): void {
    const entry = this.#failures.get(address);
    if (entry === undefined) this.#failures.set(address, { windowStart: this.#clock(), count: 1 });
    else entry.count++;
  }
}

function tokenOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^token +([^\s]+) *$/i.exec(header);
  return match?.[1];
}
