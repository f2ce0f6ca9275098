import { ConfigError } from "../config.js";
import {
  APIError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  PermissionDeniedError,
  TimeoutError,
  ValidationError,
} from "../core.js";
import { NothingToConnectError } from "../local-server.js";
import { ReplaceFailed } from "../replace.js";
import { UsageError } from "./args.js";

export const ExitCode = {
  ok: 0,
  apiError: 1,
  usage: 2,
  connection: 3,
  notFound: 4,
  conflict: 5,
  auth: 6,
  nothingToConnect: 7,
  unexpected: 70,
} as const;

/** The exit code that says what failed. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof ReplaceFailed) return exitCodeFor(error.cause);
  if (error instanceof UsageError || error instanceof ValidationError || error instanceof ConfigError) {
    return ExitCode.usage;
  }
  if (error instanceof ConnectionError || error instanceof TimeoutError) return ExitCode.connection;
  if (error instanceof NotFoundError) return ExitCode.notFound;
  if (error instanceof ConflictError) return ExitCode.conflict;
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) return ExitCode.auth;
  if (error instanceof APIError) return ExitCode.apiError;
  if (error instanceof NothingToConnectError) return ExitCode.nothingToConnect;
  return ExitCode.unexpected;
}

export const exitCodeHelp = `Exit codes:
  0   success
  1   the API refused the request (any other status of 400 or more)
  2   usage: unknown command or option, bad value, unusable config file
  3   no answer: connection refused or reset, or a timeout
  4   not found (404): no token with that id or key
  5   conflict (409): e.g. 5 permanent tokens exist already
  6   authentication or permission (401, 403): check the api token
  7   no api token configured, and the local server (stream-tokens-server) is not installed
  70  unexpected internal error`;
