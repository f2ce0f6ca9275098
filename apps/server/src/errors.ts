import { type ErrorBody, ErrorCode, type FieldError, limits } from "@stream-tokens/api-types";

/** The spec's error codes by name (generated from components.schemas.ErrorCode). */
export { ErrorCode };

export type ErrorCodeValue = ErrorCode;

/** An error that answers with the NeuroIO error body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCodeValue;
  readonly fields: FieldError[];
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: ErrorCodeValue,
    message: string,
    fields: FieldError[] = [],
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.headers = headers;
  }

  toBody(): ErrorBody {
    return { error_codes: [this.code], message: this.message, fields: this.fields };
  }
}

export const notFound = (): ApiError => new ApiError(404, ErrorCode.tokenNotFound, "Stream token not found.");

/** 409 / permanentLimit: the caller's account/space holds the spec's limit of permanent tokens of its kind. */
export const permanentLimitReached = (): ApiError => {
  const limit = limits.permanentTokens;
  return new ApiError(
    409,
    ErrorCode.permanentLimit,
    `At most ${limit} permanent stream tokens are allowed per account/space and kind.`,
    [
      {
        name: "permanent",
        message: `the limit of ${limit} permanent stream tokens is reached`,
        error_code: ErrorCode.permanentLimit,
      },
    ],
  );
};
