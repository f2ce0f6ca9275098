import { ApiError, ErrorCode } from "./errors.js";
import type { Principal, Store } from "./store.js";

const WINDOW_MS = 60_000;
/**
 * At most this many addresses with failures are tracked. A new one beyond it first drops finished
 * windows and, while all windows are still open, the oldest address.
 */
const MAX_TRACKED_ADDRESSES = 10_000;

/** The headers an api token may arrive in: `Authorization`, or `token` (the JavaScript client's). */
export interface CredentialHeaders {
  authorization?: string | undefined;
  token?: string | string[] | undefined;
}

/**
 * Reads `Authorization: Token <api_token>` (or, when it is absent, the `token` header that
 * `@neuroio/rest-api` sends) and finds its principal. Too many failed
 * authentications from one address within a minute answer 429 until the minute is over, while
 * requests with a valid api token from that address go on being served.
 */
export class Authenticator {
  readonly #store: Store;
  readonly #failuresPerMinute: number;
  readonly #clock: () => number;
  readonly #failures = new Map<string, { windowStart: number; count: number }>();

  constructor(store: Store, failuresPerMinute: number, clock: () => number) {
    this.#store = store;
    this.#failuresPerMinute = failuresPerMinute;
    this.#clock = clock;
  }

  authenticate(headers: CredentialHeaders, address: string): Principal {
    const apiToken = tokenOf(credentialOf(headers));
    const principal = apiToken === undefined ? undefined : this.#store.authenticate(apiToken);
    // A valid api token is always served: the brake is on failures, not on the address.
    if (principal !== undefined) return principal;
    this.#refuseWhenLimited(address);
    this.#recordFailure(address);
    if (apiToken === undefined) {
      throw new ApiError(
        401,
        ErrorCode.missingAuthorization,
        "The Authorization header (or the token header) must be 'Token <api_token>'.",
      );
    }
    throw new ApiError(401, ErrorCode.unknownApiToken, "Invalid api token.");
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
    if (entry !== undefined) {
      entry.count++;
      return;
    }
    if (this.#failures.size >= MAX_TRACKED_ADDRESSES) this.#makeRoom();
    this.#failures.set(address, { windowStart: this.#clock(), count: 1 });
  }

  /**
   * An address enters the map when its window starts (a finished window is deleted before the
   * next one starts), so the map's order is the windows' order: finished windows are at its front
   * and the sweep stops at the first open one (a clock set back only delays a sweep). Still at
   * the cap, the oldest address goes.
   */
  #makeRoom(): void {
    const now = this.#clock();
    for (const [address, entry] of this.#failures) {
      if (this.#failures.size < MAX_TRACKED_ADDRESSES && now - entry.windowStart < WINDOW_MS) break;
      this.#failures.delete(address);
    }
  }
}

/** `Authorization` decides when present; a repeated `token` header is refused, not guessed at. */
function credentialOf(headers: CredentialHeaders): string | undefined {
  if (headers.authorization !== undefined) return headers.authorization;
  return typeof headers.token === "string" ? headers.token : undefined;
}

function tokenOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^token +([^\s]+) *$/i.exec(header);
  return match?.[1];
}
