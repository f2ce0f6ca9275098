import type { StreamToken } from "@stream-tokens/api-types";
import { AbortError, ValidationError } from "./errors.js";
import { createLogger, type Logger, redactingLogger } from "./logger.js";
import { maskSecret } from "./mask.js";
import { untilAborted } from "./until-aborted.js";
import { ANY, BOOLEAN, checkOptions, DURATION, FUNCTION, type Rule, type Rules, SIGNAL } from "./validate.js";

/** What the rotator needs of `client.streams.tokens`. */
export interface RotatorTokenSource {
  create(params: { permanent: false }): Promise<StreamToken>;
  delete(idOrKey: number): Promise<void>;
}

export interface TokenRotatorOptions {
  /** Usually `client.streams.tokens`. */
  tokens: RotatorTokenSource;
  /**
   * Renew this many ms before the token expires (default 1 hour). For a token whose whole life is
   * shorter than twice this, renewal starts halfway through its life.
   */
  renewBefore?: number | undefined;
  /** Delete the replaced token once its successor exists (default false). */
  deleteReplaced?: boolean | undefined;
  /** After a failed renewal, wait this many ms before trying again while the old token is valid (default 5000). */
  retryDelay?: number | undefined;
  /** The clock, in ms since the epoch (default `Date.now`). */
  now?: (() => number) | undefined;
  logger?: Logger | undefined;
}

const TOKEN_SOURCE: Rule<RotatorTokenSource> = [
  (value): value is RotatorTokenSource =>
    typeof value === "object" &&
    value !== null &&
    typeof Reflect.get(value, "create") === "function" &&
    typeof Reflect.get(value, "delete") === "function",
  "client.streams.tokens (an object with create and delete)",
];

/** The rule of every key of {@link TokenRotatorOptions}: the others are refused. */
const ROTATOR_OPTIONS: Rules<TokenRotatorOptions> = {
  tokens: TOKEN_SOURCE,
  renewBefore: DURATION,
  deleteReplaced: BOOLEAN,
  retryDelay: DURATION,
  now: [FUNCTION[0], "a function returning ms since the epoch"],
  logger: ANY,
};

interface Held {
  token: StreamToken;
  /** When renewal should start, in ms since the epoch (Infinity for a token that never expires). */
  renewAt: number;
  /** When the token stops working (Infinity for a permanent one). */
  expiresAt: number;
}

/**
 * Always hands out a valid temporary stream token: creates one on first use, renews it ahead of
 * expiry with one shared create however many callers ask at once, keeps the old token while a
 * renewal fails and the old one is still valid, and throws once it is not.
 */
export class TokenRotator {
  readonly #tokens: RotatorTokenSource;
  readonly #renewBefore: number;
  readonly #deleteReplaced: boolean;
  readonly #retryDelay: number;
  readonly #now: () => number;
  readonly #logger: Logger;
  #held: Held | undefined;
  #renewal: Promise<StreamToken> | undefined;
  #lastFailureAt: number | undefined;

  constructor(options: TokenRotatorOptions) {
    const checked = checkOptions("options", options, ROTATOR_OPTIONS);
    if (checked.tokens === undefined) throw new ValidationError("tokens", `is required: ${TOKEN_SOURCE[1]}`);
    this.#tokens = checked.tokens;
    this.#renewBefore = checked.renewBefore ?? 3_600_000;
    this.#deleteReplaced = checked.deleteReplaced ?? false;
    this.#retryDelay = checked.retryDelay ?? 5_000;
    this.#now = checked.now ?? Date.now;
    this.#logger = checked.logger === undefined ? createLogger() : redactingLogger(checked.logger, []);
  }

  /** The token held right now, valid or not, without any request. */
  get current(): StreamToken | undefined {
    return this.#held?.token;
  }

  /** A valid temporary token: the held one, or a fresh one when the held one is due for renewal. */
  async get(options: { signal?: AbortSignal | undefined } = {}): Promise<StreamToken> {
    const { signal } = checkOptions("options", options, { signal: SIGNAL });
    const now = this.#now();
    const held = this.#held;
    const valid = held !== undefined && now < held.expiresAt;
    if (valid && now < held.renewAt) return held.token;
    const coolingDown = this.#lastFailureAt !== undefined && now < this.#lastFailureAt + this.#retryDelay;
    if (valid && coolingDown && this.#renewal === undefined) return held.token;
    try {
      return await abortable(this.#renew(), signal);
    } catch (error) {
      if (error instanceof AbortError) throw error;
      const fallback = this.#held;
      if (fallback !== undefined && this.#now() < fallback.expiresAt) {
        this.#logger.warn("stream token renewal failed; keeping the current token", {
          key: fallback.token.key,
          error: error instanceof Error ? error.message : String(error),
        });
        return fallback.token;
      }
      throw error;
    }
  }

  /** Starts a renewal now (or joins the one under way) and resolves to the new token. */
  renew(): Promise<StreamToken> {
    return this.#renew();
  }

  #renew(): Promise<StreamToken> {
    this.#renewal ??= this.#createSuccessor().finally(() => {
      this.#renewal = undefined;
    });
    return this.#renewal;
  }

  async #createSuccessor(): Promise<StreamToken> {
    const requestedAt = this.#now();
    let token: StreamToken;
    try {
      token = await this.#tokens.create({ permanent: false });
    } catch (error) {
      this.#lastFailureAt = this.#now();
      throw error;
    }
    this.#lastFailureAt = undefined;
    const replaced = this.#held?.token;
    this.#held = this.#hold(token, requestedAt);
    this.#logger.debug("stream token renewed", { key: token.key, expires: token.expires });
    if (this.#deleteReplaced && replaced !== undefined) {
      try {
        await this.#tokens.delete(replaced.id);
      } catch (error) {
        this.#logger.warn(`could not delete the replaced stream token ${maskSecret(replaced.key)}`, {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return token;
  }

  #hold(token: StreamToken, obtainedAt: number): Held {
    if (token.expires === null) {
      return { token, renewAt: Number.POSITIVE_INFINITY, expiresAt: Number.POSITIVE_INFINITY };
    }
    const expiresAt = Date.parse(token.expires);
    const lifetime = Math.max(0, expiresAt - obtainedAt);
    return { token, expiresAt, renewAt: expiresAt - Math.min(this.#renewBefore, lifetime / 2) };
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return untilAborted(
    promise,
    signal,
    (reason) => new AbortError("waiting for a stream token was aborted", 0, reason),
  );
}
