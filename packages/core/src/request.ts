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
  ValidationError,
} from "./errors.js";
import type { Logger } from "./logger.js";
import { redactText } from "./mask.js";
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

/** The client-wide settings a call runs with. */
export interface CallSettings {
  timeout: number;
  maxRetries: number;
  deadline: number | undefined;
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

export interface SendResult {
  data?: unknown | undefined;
  error?: unknown | undefined;
  response: Response;
}

/** One operation, ready to be attempted as often as the policy allows. */
export interface Call<T> {
  method: string;
  /** The path with secrets masked, for errors and logs. */
  path: string;
  /** Whether sending it twice is safe (everything but a create, unless the caller opted in). */
  retryable: boolean;
  /** The rules of its options, when they are more than {@link REQUEST_OPTIONS}. */
  optionRules?: Rules<RequestOptions> | undefined;
  /** Secrets of this call (a key in the path) masked in its errors and logs, besides the client's. */
  secrets?: readonly string[] | undefined;
  send(signal: AbortSignal): Promise<SendResult>;
  parse(data: unknown, status: number): T;
}

export interface CallResult<T> {
  data: T;
  response: Response;
  /** How many attempts it took. */
  attempts: number;
}

const CALLER_ABORTED = Symbol("caller aborted");

export function resolveRequestOptions(
  settings: CallSettings,
  options: RequestOptions | undefined,
  rules: Rules<RequestOptions> = REQUEST_OPTIONS,
) {
  if (options === undefined) {
    return {
      timeout: settings.timeout,
      maxRetries: settings.maxRetries,
      deadline: settings.deadline,
      signal: undefined,
    };
  }
  const { signal, timeout, maxRetries, deadline } = checkOptions("options", options, rules);
  return {
    timeout: timeout ?? settings.timeout,
    maxRetries: maxRetries ?? settings.maxRetries,
    deadline: deadline ?? settings.deadline,
    signal,
  };
}

/** Runs a call with per-attempt timeouts, an optional overall deadline, retries and backoff. */
export async function perform<T>(
  settings: CallSettings,
  call: Call<T>,
  options: RequestOptions | undefined,
): Promise<CallResult<T>> {
  const { timeout, maxRetries, deadline, signal } = resolveRequestOptions(
    settings,
    options,
    call.optionRules,
  );
  const startedAt = Date.now();
  const deadlineAt = deadline === undefined ? Number.POSITIVE_INFINITY : startedAt + deadline;
  const maxAttempts = call.retryable ? maxRetries + 1 : 1;
  const facts = (attempts: number): RequestFacts => ({ method: call.method, path: call.path, attempts });

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted)
      throw new AbortError(`${call.method} ${call.path} was aborted`, attempt - 1, signal.reason);
    const remaining = deadlineAt - Date.now();
    if (remaining <= 0) throw new TimeoutError(facts(attempt - 1), deadline ?? 0, "deadline");
    const limitedByDeadline = remaining < timeout;
    const attemptTimeout = limitedByDeadline ? remaining : timeout;

    settings.logger?.debug(`${call.method} ${call.path}`, { attempt });
    const outcome = await attemptOnce(call, attemptTimeout, signal, settings.customFetch);

    let failure: StreamTokensError;
    let retryAfterMs: number | null = null;
    if (outcome.kind === "response") {
      const { response } = outcome.result;
      if (response.ok) {
        settings.logger?.debug(`${call.method} ${call.path} -> ${response.status}`, { attempt });
        try {
          return { data: call.parse(outcome.result.data, response.status), response, attempts: attempt };
        } catch (error) {
          if (error instanceof StreamTokensError) throw error;
          throw new InvalidResponseError("the server's answer is not valid JSON", response.status, error);
        }
      }
      retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      failure = apiError(response, outcome.result.error, facts(attempt), retryAfterMs, [
        ...settings.secrets,
        ...(call.secrets ?? []),
      ]);
      settings.logger?.debug(`${call.method} ${call.path} -> ${response.status}`, { attempt });
      if (!isRetryableStatus(response.status)) throw failure;
    } else if (outcome.kind === "aborted") {
      throw new AbortError(`${call.method} ${call.path} was aborted`, attempt, outcome.reason);
    } else if (outcome.kind === "timeout") {
      if (limitedByDeadline) throw new TimeoutError(facts(attempt), deadline ?? 0, "deadline");
      failure = new TimeoutError(facts(attempt), attemptTimeout, "attempt");
    } else {
      failure = new ConnectionError(
        `${call.method} ${call.path} failed: ${describeCause(outcome.error)}`,
        facts(attempt),
        outcome.error,
      );
    }

    if (attempt >= maxAttempts) throw failure;
    const wait = retryAfterMs ?? backoffDelay(attempt, settings.backoff);
    if (retryAfterMs !== null && retryAfterMs > settings.maxRetryAfter) throw failure;
    if (Date.now() + wait >= deadlineAt) throw failure;
    settings.logger?.info(`retrying ${call.method} ${call.path} in ${Math.round(wait)} ms`, {
      attempt,
      reason: failure.message,
    });
    await sleep(wait, signal).catch((reason: unknown) => {
      throw new AbortError(`${call.method} ${call.path} was aborted`, attempt, reason);
    });
  }
}

type AttemptOutcome =
  | { kind: "response"; result: SendResult }
  | { kind: "timeout" }
  | { kind: "aborted"; reason: unknown }
  | { kind: "failed"; error: unknown };

const deadlines = new DeadlineSignals(false);
const holdingDeadlines = new DeadlineSignals(true);

/** Sends one attempt; a fetch of the caller's own may ignore the signal, so its attempt also races it. */
function send(call: Call<unknown>, signal: AbortSignal, customFetch: boolean): Promise<SendResult> {
  const sent = call.send(signal);
  return customFetch ? untilAborted(sent, signal) : sent;
}

async function attemptOnce(
  call: Call<unknown>,
  timeout: number,
  signal: AbortSignal | undefined,
  customFetch: boolean,
) {
  if (signal === undefined) {
    const signals = customFetch ? holdingDeadlines : deadlines;
    const slot = signals.acquire(timeout);
    try {
      const result = await send(call, slot.signal, customFetch);
      return { kind: "response", result } satisfies AttemptOutcome;
    } catch (error) {
      if (slot.signal.reason === TIMED_OUT) return { kind: "timeout" } satisfies AttemptOutcome;
      return { kind: "failed", error } satisfies AttemptOutcome;
    } finally {
      signals.release(slot);
    }
  }
  // With the caller's signal, the attempt gets a controller of its own that both can abort.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMED_OUT), timeout);
  const onCallerAbort = () => controller.abort(CALLER_ABORTED);
  signal.addEventListener("abort", onCallerAbort, { once: true });
  try {
    const result = await send(call, controller.signal, customFetch);
    return { kind: "response", result } satisfies AttemptOutcome;
  } catch (error) {
    const reason: unknown = controller.signal.reason;
    if (reason === TIMED_OUT) return { kind: "timeout" } satisfies AttemptOutcome;
    if (reason === CALLER_ABORTED) return { kind: "aborted", reason: signal.reason } satisfies AttemptOutcome;
    return { kind: "failed", error } satisfies AttemptOutcome;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onCallerAbort);
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
  const fields = parsed.fields.map((field) => ({
    ...field,
    name: redactText(field.name, secrets),
    message: redactText(field.message, secrets),
  }));
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
