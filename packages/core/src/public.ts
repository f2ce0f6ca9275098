// What the library (`stream-tokens`) publishes, as it is: its entry re-exports this file whole.
export type {
  CreateStreamTokenBody,
  DeleteStreamTokensQuery,
  ErrorBody,
  FieldError,
  ListStreamTokensQuery,
  StreamToken,
  UpdateStreamTokenBody,
} from "@stream-tokens/api-types";
export { ErrorCode, limits } from "@stream-tokens/api-types";
export {
  AbortError,
  APIError,
  type APIErrorInit,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RateLimitErrorInit,
  type RequestFacts,
  StreamTokensError,
  TimeoutError,
  ValidationError,
} from "./errors.js";
export {
  type CreateLoggerOptions,
  createLogger,
  type LogEntry,
  type LogFields,
  type Logger,
  type LogLevel,
} from "./logger.js";
export { maskSecret, redactText } from "./mask.js";
export type { TokenPages } from "./paging.js";
export type { RequestOptions } from "./request.js";
export type {
  CreateRequestOptions,
  CreateStreamTokenParams,
  DeleteStreamTokensParams,
  ListAllStreamTokensParams,
  ListStreamTokensParams,
  RawStreamTokens,
  StreamTokens,
  UpdateStreamTokenParams,
  WithResponse,
} from "./stream-tokens.js";
export { isExpired, isPermanent, timeLeft } from "./token-helpers.js";
export { VERSION } from "./version.js";
