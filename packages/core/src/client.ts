import { ValidationError } from "./errors.js";
import { createApiClient, createTransport, normalizeBaseUrl } from "./http.js";
import { createLogger, type Logger, levelFromEnvironment, redactingLogger } from "./logger.js";
import { maskSecret } from "./mask.js";
import type { CallSettings } from "./request.js";
import { StreamTokens } from "./stream-tokens.js";
import { ANY, BOOLEAN, checkOptions, DURATION, FUNCTION, integer, type Rules } from "./validate.js";

export interface CoreClientOptions {
  /** The api token (account, space or manager) sent as `Authorization: Token <apiToken>`. */
  apiToken: string;
  /** E.g. `https://api.neuroio.com` or the local server's URL. */
  baseUrl: string;
  /** Milliseconds per attempt, body read included (default 4000). */
  timeout?: number | undefined;
  /** Retries of idempotent calls after the first attempt, 0 to 10 (default 2). */
  maxRetries?: number | undefined;
  /** Milliseconds for a whole call across its retries (default: none). */
  deadline?: number | undefined;
  /** Allow retries of creates (default false: a retried create may make a second token). */
  retryCreate?: boolean | undefined;
  /** The first wait between attempts in ms (default 500); it doubles each retry. */
  initialRetryDelay?: number | undefined;
  /** The longest wait between attempts in ms (default 8000). */
  maxRetryDelay?: number | undefined;
  /** The longest `Retry-After` honoured in ms (default 60000); a longer one fails at once. */
  maxRetryAfter?: number | undefined;
  /** A `fetch` to use instead of the global one, called as `fetch(url, init)`. */
  fetch?: typeof fetch | undefined;
  /** Default `<package>/<version>` of the package that ships this code (`stream-tokens/1.2.3`). */
  userAgent?: string | undefined;
  /** Receives debug/info lines with secrets masked. Default: `STREAM_TOKENS_LOG` decides. */
  logger?: Logger | undefined;
}

/** The rule of every key of {@link CoreClientOptions}: the others are refused. */
const CLIENT_OPTIONS: Rules<CoreClientOptions> = {
  apiToken: ANY,
  baseUrl: ANY,
  timeout: DURATION,
  maxRetries: integer(0, 10),
  deadline: DURATION,
  retryCreate: BOOLEAN,
  initialRetryDelay: DURATION,
  maxRetryDelay: DURATION,
  maxRetryAfter: DURATION,
  fetch: FUNCTION,
  userAgent: [(value): value is string => typeof value === "string" && value !== "", "a non-empty string"],
  logger: ANY,
};

/**
 * Refuses a client option that does not exist (a typo in plain JavaScript), naming the nearest one,
 * and one of the wrong type; the api token and the base URL are checked on their own.
 */
export function checkClientOptions(options: { [K in keyof CoreClientOptions]?: unknown }): void {
  checkOptions("options", options, CLIENT_OPTIONS);
}

/** The caller's logger with secrets masked; else one from STREAM_TOKENS_LOG, or none when that is off. */
function loggerFor(logger: Logger | undefined, secrets: readonly string[]): Logger | undefined {
  if (logger !== undefined) return redactingLogger(logger, secrets);
  return levelFromEnvironment() === "off" ? undefined : createLogger({ secrets });
}

/** The client of the Stream-Tokens API. Safe to share: it holds no per-call state. */
export class CoreClient {
  readonly streams: { readonly tokens: StreamTokens };
  /** The base URL requests go to, without a trailing slash. */
  readonly baseUrl: string;
  readonly #apiToken: string;

  constructor(options: CoreClientOptions) {
    // Refuses a value that is not an object (absent passes, and then has no apiToken).
    checkClientOptions(options);
    const apiToken: unknown = options?.apiToken;
    if (typeof apiToken !== "string" || apiToken.trim().length === 0 || /\s/.test(apiToken)) {
      throw new ValidationError("apiToken", "must be a non-empty string without spaces");
    }
    this.#apiToken = apiToken;
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    const secrets = [apiToken];
    const settings: CallSettings = {
      timeout: options.timeout ?? 4000,
      maxRetries: options.maxRetries ?? 2,
      deadline: options.deadline,
      backoff: {
        initialDelay: options.initialRetryDelay ?? 500,
        maxDelay: options.maxRetryDelay ?? 8000,
      },
      maxRetryAfter: options.maxRetryAfter ?? 60_000,
      customFetch: options.fetch !== undefined,
      logger: loggerFor(options.logger, secrets),
      secrets,
    };
    const transport = createTransport({ apiToken, userAgent: options.userAgent, fetch: options.fetch });
    const api = createApiClient(this.baseUrl, transport);
    const retryCreate = options.retryCreate ?? false;
    this.streams = Object.freeze({
      tokens: new StreamTokens({ api, settings, retryCreate }),
    });
  }

  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, apiToken: maskSecret(this.#apiToken) };
  }

  /** Named `Client` by hand: a consumer's minifier renames the class itself. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `Client { baseUrl: '${this.baseUrl}', apiToken: '${maskSecret(this.#apiToken)}' }`;
  }
}
