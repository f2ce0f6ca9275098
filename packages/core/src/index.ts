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
export { CoreClient, type CoreClientOptions } from "./client.js";
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
export { DEFAULT_USER_AGENT } from "./http.js";
export {
  type CreateLoggerOptions,
  createLogger,
  LOG_LEVEL_ENV,
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
