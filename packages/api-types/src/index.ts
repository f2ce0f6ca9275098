export {
  type CallerParams,
  codePoints,
  describeValue,
  Issue,
  isObject,
  nearestKey,
  unknownKey,
} from "./check.js";
export * from "./generated/checks.js";
/** Whether a value is the error body of every answer of 400 or more. */
export { isError as isErrorBody } from "./generated/checks.js";
export {
  ErrorCode,
  IdOrKeyBounds,
  LimitBounds,
  limits,
  OffsetBounds,
  parameterBounds,
} from "./generated/constants.js";
export type { components, operations, paths } from "./generated/stream-tokens.js";

import type { components, operations } from "./generated/stream-tokens.js";

type Schemas = components["schemas"];

/** A stream token as the wire carries it; `expires: null` means permanent. */
export type StreamToken = Schemas["StreamToken"];
/** The body of every response with a status of 400 or more. */
export type ErrorBody = Schemas["Error"];
/** One field at fault inside an {@link ErrorBody}. */
export type FieldError = Schemas["FieldError"];

export type CreateStreamTokenBody = Schemas["CreateStreamTokenBody"];
export type UpdateStreamTokenBody = Schemas["UpdateStreamTokenBody"];

export type ListStreamTokensQuery = NonNullable<operations["listStreamTokens"]["parameters"]["query"]>;
export type DeleteStreamTokensQuery = NonNullable<operations["deleteStreamTokens"]["parameters"]["query"]>;
export type StreamTokenPathParams = operations["getStreamToken"]["parameters"]["path"];

/** Every operationId of the spec. */
export type OperationId = keyof operations;
