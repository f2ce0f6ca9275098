import type { FieldError } from "@stream-tokens/api-types";
import { redactText, redactValue } from "./mask.js";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** Whether `value` was made by `target`, or by a class of the same kind in another copy of the library. */
function isOfClass(value: unknown, target: typeof StreamTokensError): boolean {
  for (let proto = value; typeof proto === "object" && proto !== null; proto = Object.getPrototypeOf(proto)) {
    const ctor: unknown = Reflect.get(proto, "constructor");
    if (
      ctor === target ||
      (typeof ctor === "function" && Object.hasOwn(ctor, "kind") && Reflect.get(ctor, "kind") === target.kind)
    )
      return true;
  }
  return false;
}

/**
 * The base class of every error this library throws. `instanceof` also recognises errors made by
 * another copy of the library (its ESM and CJS builds side by side): by the `kind` of a class along
 * the error's prototype chain.
 */
export class StreamTokensError extends Error {
  static readonly kind: string = "StreamTokensError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // The name of the nearest class that has a kind (not enumerable, as Error's own name is not).
    Object.defineProperty(this, "name", { value: new.target.kind, writable: true, configurable: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class on the right of `instanceof`, a subclass as often as not.
    // biome-ignore lint/complexity/noThisInStatic: see above
    return isOfClass(value, this);
  }

  /** A plain object safe to log or serialise: no secret appears unmasked. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...this.details() };
  }

  /** The fields beyond name and message (its own fields), secrets masked, for `toJSON()` and `inspect()`. */
  protected details(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this).map(([name, value]) => [name, redactValue(value)]));
  }

  /**
   * What `util.inspect` (and so `console.log`) shows: the stack, then the details and the cause in
   * braces, as Node shows its own errors. `inspect` is Node's, handed over by Node itself.
   */
  [INSPECT](_depth: number, options: object, inspect?: (value: unknown, options: object) => string): string {
    const show = (value: unknown) => (inspect ? inspect(value, options) : JSON.stringify(value));
    const entries = Object.entries(this.details()).map(([name, value]) => `${name}: ${show(value)}`);
    if (this.cause !== undefined) entries.push(`[cause]: ${redactText(show(this.cause))}`);
    const head = (this.stack ?? "").replace(/^.*/, `${this.name}: ${this.message}`);
    return entries.length === 0 ? head : `${head} {\n  ${entries.join(",\n").replaceAll("\n", "\n  ")}\n}`;
  }
}

/** Bad input, found before any request is sent. */
export class ValidationError extends StreamTokensError {
  static override readonly kind: string = "ValidationError";
  /** The argument or option at fault, e.g. `limit`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

/** What every error that followed a request knows about it. */
export interface RequestFacts {
  method: string;
  /** The request path with any stream-token key masked. */
  path: string;
  attempts: number;
}

/** What an {@link APIError} is made of. */
export interface APIErrorInit {
  status: number;
  /** The server's message (the method and path are put in front of it). */
  message: string;
  errorCodes: readonly number[];
  fields: readonly FieldError[];
  headers: Readonly<Record<string, string>>;
  request: RequestFacts;
}

/** The server answered with a status of 400 or more; its message names the call: `GET /v1/...: ...`. */
export class APIError extends StreamTokensError {
  static override readonly kind: string = "APIError";
  readonly status: number;
  readonly errorCodes: readonly number[];
  readonly fields: readonly FieldError[];
  readonly method: string;
  readonly path: string;
  /** How many attempts were made, the failing one included. */
  readonly attempts: number;
  /** The response headers (no header of a response carries a secret). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(init: APIErrorInit) {
    super(`${init.request.method} ${init.request.path}: ${init.message}`);
    this.status = init.status;
    this.errorCodes = init.errorCodes;
    this.fields = init.fields;
    this.headers = init.headers;
    this.attempts = init.request.attempts;
    this.method = init.request.method;
    this.path = init.request.path;
  }
}

/** 400: a parameter or body field is invalid. */
export class BadRequestError extends APIError {
  static override readonly kind: string = "BadRequestError";
}
/** 401: the api token is missing, unknown or revoked. */
export class AuthenticationError extends APIError {
  static override readonly kind: string = "AuthenticationError";
}
/** 403: the api token may not do this. */
export class PermissionDeniedError extends APIError {
  static override readonly kind: string = "PermissionDeniedError";
}
/** 404: no stream token with this id or key in the api token's scope. */
export class NotFoundError extends APIError {
  static override readonly kind: string = "NotFoundError";
}
/** 409: e.g. the account/space already holds 5 permanent stream tokens. */
export class ConflictError extends APIError {
  static override readonly kind: string = "ConflictError";
}
/** What a {@link RateLimitError} is made of. */
export interface RateLimitErrorInit extends APIErrorInit {
  /** The wait the server asked for, in seconds, or null. */
  retryAfter: number | null;
}

/** 429: too many requests. */
export class RateLimitError extends APIError {
  static override readonly kind: string = "RateLimitError";
  /** The wait the server asked for, in seconds (`Retry-After`), or null when it named none. */
  readonly retryAfter: number | null;

  constructor(init: RateLimitErrorInit) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
}
/** 5xx: the server failed. */
export class InternalServerError extends APIError {
  static override readonly kind: string = "InternalServerError";
}

/** The request never got an answer: refused, reset, DNS failure, or a broken body. */
export class ConnectionError extends StreamTokensError {
  static override readonly kind: string = "ConnectionError";
  readonly method: string;
  readonly path: string;
  readonly attempts: number;

  constructor(message: string, request: RequestFacts, cause?: unknown) {
    super(message, { cause });
    this.attempts = request.attempts;
    this.method = request.method;
    this.path = request.path;
  }
}

/** An attempt ran past its timeout, or the call ran past its overall deadline. */
export class TimeoutError extends StreamTokensError {
  static override readonly kind: string = "TimeoutError";
  readonly method: string;
  readonly path: string;
  readonly attempts: number;
  /** The limit that was hit, in milliseconds. */
  readonly timeout: number;
  /** `attempt` when one attempt's timeout ran out, `deadline` when the overall deadline did. */
  readonly limit: "attempt" | "deadline";

  constructor(request: RequestFacts, timeout: number, limit: "attempt" | "deadline") {
    super(
      `${request.method} ${request.path} ${
        limit === "attempt"
          ? `timed out after ${timeout} ms (attempt ${request.attempts})`
          : `ran past its deadline of ${timeout} ms after ${request.attempts} attempt(s)`
      }`,
    );
    this.attempts = request.attempts;
    this.method = request.method;
    this.path = request.path;
    this.timeout = timeout;
    this.limit = limit;
  }
}

/** The caller's `AbortSignal` fired. */
export class AbortError extends StreamTokensError {
  static override readonly kind: string = "AbortError";
  readonly attempts: number;

  constructor(message: string, attempts: number, cause?: unknown) {
    super(message, { cause });
    this.attempts = attempts;
  }
}

/** The server answered 2xx with a body that is not what the spec promises. */
export class InvalidResponseError extends StreamTokensError {
  static override readonly kind: string = "InvalidResponseError";
  readonly status: number;

  constructor(message: string, status: number, cause?: unknown) {
    super(message, { cause });
    this.status = status;
  }
}

/** The class of error for an HTTP status of 400 or more. */
export function apiErrorClassFor(status: number): typeof APIError {
  const byStatus: Record<number, typeof APIError> = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
  };
  return byStatus[status] ?? (status >= 500 ? InternalServerError : APIError);
}
