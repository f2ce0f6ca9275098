import { DeadlineSignals, TIMED_OUT } from "./deadline-signals.js";
import {
  AbortError,
  type APIError,
  apiErrorClassFor,
  ConnectionError,
  InvalidResponseError,
  RateLimitError,
  type RequestFacts,
  StreamTokensError,
  TimeoutError,
} from "./errors.js";
import type { ApiClient } from "./http.js";
import type { Logger } from "./logger.js";
import { redactText, redactValue } from "./mask.js";
import { type BackoffOptions, backoffDelay, isRetryableStatus, parseRetryAfter } from "./retry.js";
import { untilAborted } from "./until-aborted.js";
import { checkOptions, DURATION, integer, type Rules, SIGNAL } from "./validate.js";
import { parseErrorBody } from "./wire.js";

/** Options every method accepts as its last argument; each overrides the client's setting. */
export interface RequestOptions {
  /** Ends the call (and any wait between attempts) with an `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Milliseconds per attempt, body read included. */
  timeout?: number | undefined;
  /** Retries after the first attempt of an idempotent call. */
  maxRetries?: number | undefined;
  /** Milliseconds for the whole call, every attempt and wait included. */
  deadline?: number | undefined;
}

/** The rule of every key of {@link RequestOptions}: the others are refused. */
export const REQUEST_OPTIONS: Rules<RequestOptions> = {
  signal: SIGNAL,
  timeout: DURATION,
  maxRetries: integer(0, 10),
  deadline: DURATION,
};

/** What a call runs with: the client's settings, or a call's options over them. */
export interface CallLimits {
  timeout: number;
  maxRetries: number;
  deadline: number | undefined;
  signal?: AbortSignal | undefined;
}

/** The client-wide settings a call runs with. */
export interface CallSettings extends CallLimits {
  backoff: BackoffOptions;
  /** The longest `Retry-After` honoured, in ms; a longer one fails at once. */
  maxRetryAfter: number;
  /**
   * A fetch of the caller's own may ignore `init.signal` and hold nothing open (a mock, say): its
   * attempts also race their signal, and their timers keep the process alive while they wait.
   */
  customFetch: boolean;
  /** Absent when nothing would be logged, so that no log line is even formatted. */
  logger: Logger | undefined;
  secrets: readonly string[];
}

/** What every call of a client shares. */
export interface CallContext {
  api: ApiClient;
  settings: CallSettings;
}

export interface SendResult {
  data?: unknown | undefined;
  error?: unknown | undefined;
  response: Response;
}

/** One operation, ready to be attempted as often as the policy allows. */
export interface Call<T, I> {
  method: string;
  /** The path with secrets masked, for errors and logs. */
  path: string;
  /** Whether sending it twice is safe (everything but a create, unless the caller opted in). */
  retryable: boolean;
  /** The rules of its options, when they are more than {@link REQUEST_OPTIONS}. */
  optionRules?: Rules<RequestOptions> | undefined;
  /** Secrets of this call (a key in the path) masked in its errors and logs, besides the client's. */
  secrets?: readonly string[] | undefined;
  /** What `send` sends: a checked query or body, an id or key. */
  input: I;
  send(api: ApiClient, input: I, signal: AbortSignal): Promise<SendResult>;
  parse(data: unknown, status: number): T;
}

export interface CallResult<T> {
  data: T;
  response: Response;
  /** How many attempts it took. */
  attempts: number;
}

const CALLER_ABORTED = Symbol("caller aborted");

/** The limits of one call: the client's settings, with the call's options (checked) over them. */
export function resolveRequestOptions(
  settings: CallSettings,
  options: RequestOptions | undefined,
  rules: Rules<RequestOptions> = REQUEST_OPTIONS,
): CallLimits {
  if (options === undefined) return settings;
  const { signal, timeout, maxRetries, deadline } = checkOptions("options", options, rules);
  return {
    timeout: timeout ?? settings.timeout,
    maxRetries: maxRetries ?? settings.maxRetries,
    deadline: deadline ?? settings.deadline,
    signal,
  };
}

/**
 * Builds a call of the caller's arguments (a bad one rejects, and nothing is sent), runs it with
 * per-attempt timeouts, an optional overall deadline, retries and backoff, and resolves to its
 * data, or with `withResponse` to `{ data, response, attempts }`.
 */
export async function perform<A, C extends CallContext, T, I>(
  context: C,
  build: (args: A, context: C) => Call<T, I>,
  args: A,
  options: RequestOptions | undefined,
  withResponse: boolean,
): Promise<T | CallResult<T>> {
  const call = build(args, context);
  const { settings } = context;
  const { timeout, maxRetries, deadline, signal } = resolveRequestOptions(
    settings,
    options,
    call.optionRules,
  );
  const deadlineAt = deadline === undefined ? Number.POSITIVE_INFINITY : Date.now() + deadline;
  const maxAttempts = call.retryable ? maxRetries + 1 : 1;
  const logger = settings.logger;

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw aborted(call, attempt - 1, signal.reason);
    const remaining = deadline === undefined ? timeout : deadlineAt - Date.now();
    if (remaining <= 0) throw new TimeoutError(factsOf(call, attempt - 1), deadline ?? 0, "deadline");
    const limitedByDeadline = remaining < timeout;
    const attemptTimeout = limitedByDeadline ? remaining : timeout;

    logger?.debug(nameOf(call), { attempt });
    let outcome: SendResult | AttemptFailure;
    if (signal === undefined && !settings.customFetch) {
      // The common case, inline: a shared deadline signal, no controller or timer of its own.
      const slot = deadlines.acquire(attemptTimeout);
      try {
        outcome = await call.send(context.api, call.input, slot.signal);
      } catch (error) {
        outcome = { failed: slot.signal.reason === TIMED_OUT ? "timeout" : "request", reason: error };
      } finally {
        deadlines.release(slot);
      }
    } else {
      outcome = await attemptAlone(context.api, call, attemptTimeout, signal, settings.customFetch);
    }

    let failure: StreamTokensError;
    let retryAfterMs: number | null = null;
    if ("failed" in outcome) {
      if (outcome.failed === "aborted") throw aborted(call, attempt, outcome.reason);
      if (outcome.failed === "request") {
        failure = new ConnectionError(
          `${nameOf(call)} failed: ${describeCause(outcome.reason)}`,
          factsOf(call, attempt),
          outcome.reason,
        );
      } else if (limitedByDeadline) {
        throw new TimeoutError(factsOf(call, attempt), deadline ?? 0, "deadline");
      } else {
        failure = new TimeoutError(factsOf(call, attempt), attemptTimeout, "attempt");
      }
    } else {
      const { response } = outcome;
      logger?.debug(`${nameOf(call)} -> ${response.status}`, { attempt });
      if (response.ok) {
        let data: T;
        try {
          data = call.parse(outcome.data, response.status);
        } catch (error) {
          if (error instanceof StreamTokensError) throw error;
          throw new InvalidResponseError("the server's answer is not valid JSON", response.status, error);
        }
        return withResponse ? { data, response, attempts: attempt } : data;
      }
      retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      failure = apiError(response, outcome.error, factsOf(call, attempt), retryAfterMs, [
        ...settings.secrets,
        ...(call.secrets ?? []),
      ]);
      if (!isRetryableStatus(response.status)) throw failure;
    }

    if (attempt >= maxAttempts) throw failure;
    const wait = retryAfterMs ?? backoffDelay(attempt, settings.backoff);
    if (retryAfterMs !== null && retryAfterMs > settings.maxRetryAfter) throw failure;
    if (Date.now() + wait >= deadlineAt) throw failure;
    logger?.info(`retrying ${nameOf(call)} in ${Math.round(wait)} ms`, { attempt, reason: failure.message });
    await sleep(wait, signal).catch((reason: unknown) => {
      throw aborted(call, attempt, reason);
    });
  }
}

/** What errors and logs name a call by. */
type CallName = Pick<Call<unknown, unknown>, "method" | "path">;

const nameOf = (call: CallName) => `${call.method} ${call.path}`;
const factsOf = (call: CallName, attempts: number): RequestFacts => ({
  method: call.method,
  path: call.path,
  attempts,
});
const aborted = (call: CallName, attempts: number, reason: unknown) =>
  new AbortError(`${nameOf(call)} was aborted`, attempts, reason);

/** An attempt that got no answer: its timeout ran out, the caller aborted, or the request failed. */
interface AttemptFailure {
  failed: "timeout" | "aborted" | "request";
  reason?: unknown;
}

const deadlines = new DeadlineSignals();

/**
 * One attempt with a controller of its own, aborted by its timeout or by the caller's signal. A
 * fetch of the caller's own may ignore the signal and hold nothing open (a mock, say): its attempt
 * also races the signal, and its timer keeps the process alive meanwhile.
 */
async function attemptAlone<I>(
  api: ApiClient,
  call: Call<unknown, I>,
  timeout: number,
  signal: AbortSignal | undefined,
  customFetch: boolean,
): Promise<SendResult | AttemptFailure> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMED_OUT), timeout);
  const onCallerAbort = () => controller.abort(CALLER_ABORTED);
  signal?.addEventListener("abort", onCallerAbort, { once: true });
  try {
    const sent = call.send(api, call.input, controller.signal);
    return await (customFetch ? untilAborted(sent, controller.signal) : sent);
  } catch (error) {
    const reason: unknown = controller.signal.reason;
    if (reason === TIMED_OUT) return { failed: "timeout" };
    if (reason === CALLER_ABORTED) return { failed: "aborted", reason: signal?.reason };
    return { failed: "request", reason: error };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onCallerAbort);
  }
}

function apiError(
  response: Response,
  body: unknown,
  request: RequestFacts,
  retryAfterMs: number | null,
  secrets: readonly string[],
): APIError {
  const parsed = parseErrorBody(body);
  const message = redactText(parsed.message ?? `answered ${response.status}`, secrets);
  const fields = redactValue(parsed.fields, secrets);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = redactText(value, secrets);
  });
  const init = { status: response.status, message, errorCodes: parsed.errorCodes, fields, headers, request };
  if (response.status === 429) {
    return new RateLimitError({ ...init, retryAfter: retryAfterMs === null ? null : retryAfterMs / 1000 });
  }
  const ErrorClass = apiErrorClassFor(response.status);
  return new ErrorClass(init);
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code: unknown = Reflect.get(cause, "code");
    return `${error.message} (${typeof code === "string" ? code : cause.message})`;
  }
  return error.message;
}

/** Waits `ms`; an abort of `signal` rejects with its reason at once and clears the timer. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  if (signal === undefined) return waited;
  return untilAborted(waited, signal).finally(() => clearTimeout(timer));
}
