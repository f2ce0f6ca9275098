// The one place the UI and the commands import core from.
export {
  APIError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  CoreClient,
  createLogger,
  isExpired,
  isPermanent,
  maskSecret,
  NotFoundError,
  PermissionDeniedError,
  TimeoutError,
  ValidationError,
} from "@stream-tokens/core";
