import type { FieldError } from "@stream-tokens/api-types";
import { redactValue } from "./mask.js";

const KINDS = Symbol.for("stream-tokens.error-kinds");
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

function kindsOf(value: unknown): readonly string[] | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const kinds: unknown = Reflect.get(value, KINDS);
  return Array.isArray(kinds) ? (kinds as string[]) : undefined;
}

/**
 * The base class of every error this library throws. `instanceof` also recognises errors made by
 * another copy of the library (its ESM and CJS builds side by side), through a registered brand.
 */
export class StreamTokensError extends Error {
  static readonly kind: string = "StreamTokensError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const kinds: string[] = [];
    for (let ctor = new.target as unknown; typeof ctor === "function"; ctor = Object.getPrototypeOf(ctor)) {
      const kind: unknown = Reflect.get(ctor, "kind");
      if (typeof kind === "string" && Object.hasOwn(ctor, "kind")) kinds.push(kind);
    }
    Object.defineProperty(this, KINDS, { value: kinds, enumerable: false });
    Object.defineProperty(this, "name", {
      value: kinds[0] ?? "StreamTokensError",
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class on the right of `instanceof`, a subclass as often as not.
    // biome-ignore lint/complexity/noThisInStatic: see above
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    // biome-ignore lint/complexity/noThisInStatic: see above
    return kindsOf(value)?.includes(this.kind) ?? false;
  }

  /** A plain object safe to log or serialise: no secret appears unmasked. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...this.details() };
  }

  /** The fields beyond name and message shown by `toJSON()` and `inspect()`. */
  protected details(): Record<string, unknown> {
    return {};
  }

  [INSPECT](): string {
    const details = this.details();
    const lines = Object.entries(details).map(([name, value]) => `  ${name}: ${JSON.stringify(value)}`);
    const stack = this.stack?.split("\n").slice(1).join("\n");
    const head = `${this.name}: ${this.message}`;
    return [head, ...(lines.length ? ["{", ...lines, "}"] : []), ...(stack ? [stack] : [])].join("\n");
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

  protected override details(): Record<string, unknown> {
    return { field: this.field };
  }
}

/** What every error that followed a request knows about it. */
export interface RequestFacts {
  method: string;
  /** The request path with any stream-token key masked. */
  path: string;
  attempts: number;
}

/** The server answered with a status of 400 or more. */
export class APIError extends StreamTokensError {
  static override readonly kind: string = "APIError";
  readonly status: number;
  readonly errorCodes: readonly number[];
  readonly fields: readonly FieldError[];
  /** The response headers (no header of a response carries a secret). */
  readonly headers: Readonly<Record<string, string>>;
  /** How many attempts were made, the failing one included. */
  readonly attempts: number;
  readonly method: string;
  readonly path: string;

  constructor(init: {
    status: number;
    message: string;
    errorCodes: readonly number[];
    fields: readonly FieldError[];
    headers: Readonly<Record<string, string>>;
    request: RequestFacts;
  }) {
    super(init.message);
    this.status = init.status;
    this.errorCodes = init.errorCodes;
    this.fields = init.fields;
    this.headers = init.headers;
    this.attempts = init.request.attempts;
    this.method = init.request.method;
    this.path = init.request.path;
  }

  protected override details(): Record<string, unknown> {
    return {
      status: this.status,
      errorCodes: this.errorCodes,
      fields: this.fields,
      method: this.method,
      path: this.path,
      attempts: this.attempts,
      headers: redactValue(this.headers),
    };
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
/** 429: too many requests. */
export class RateLimitError extends APIError {
  static override readonly kind: string = "RateLimitError";
  /** The wait the server asked for, in seconds (`Retry-After`), or null when it named none. */
  readonly retryAfter: number | null;

  constructor(init: ConstructorParameters<typeof APIError>[0] & { retryAfter: number | null }) {
    super(init);
    this.retryAfter = init.retryAfter;
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), retryAfter: this.retryAfter };
  }
}
/** 5xx: the server failed. */
export class InternalServerError extends APIError {
  static override readonly kind: string = "InternalServerError";
}

/** The request never got an answer: refused, reset, DNS failure, or a broken body. */
export class ConnectionError extends StreamTokensError {
  static override readonly kind: string = "ConnectionError";
  readonly attempts: number;
  readonly method: string;
  readonly path: string;

  constructor(message: string, request: RequestFacts, cause?: unknown) {
    super(message, { cause });
    this.attempts = request.attempts;
    this.method = request.method;
    this.path = request.path;
  }

  protected override details(): Record<string, unknown> {
    return { method: this.method, path: this.path, attempts: this.attempts };
  }
}

/** An attempt ran past its timeout, or the call ran past its overall deadline. */
export class TimeoutError extends StreamTokensError {
  static override readonly kind: string = "TimeoutError";
  readonly attempts: number;
  readonly method: string;
  readonly path: string;
  /** The limit that was hit, in milliseconds. */
  readonly timeout: number;
  /** `attempt` when one attempt's timeout ran out, `deadline` when the overall deadline did. */
  readonly limit: "attempt" | "deadline";

  constructor(request: RequestFacts, timeout: number, limit: "attempt" | "deadline") {
    super(
      limit === "attempt"
        ? `${request.method} ${request.path} timed out after ${timeout} ms (attempt ${request.attempts})`
        : `${request.method} ${request.path} ran past its deadline of ${timeout} ms after ${request.attempts} attempt(s)`,
    );
    this.attempts = request.attempts;
    this.method = request.method;
    this.path = request.path;
    this.timeout = timeout;
    this.limit = limit;
  }

  protected override details(): Record<string, unknown> {
    return {
      method: this.method,
      path: this.path,
      attempts: this.attempts,
      timeout: this.timeout,
      limit: this.limit,
    };
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

  protected override details(): Record<string, unknown> {
    return { attempts: this.attempts };
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

  protected override details(): Record<string, unknown> {
    return { status: this.status };
  }
}

/** The class of error for an HTTP status of 400 or more. */
export function apiErrorClassFor(status: number): typeof APIError {
  switch (status) {
    case 400:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    default:
      return status >= 500 ? InternalServerError : APIError;
  }
}
