import type { ErrorBody, FieldError } from "@stream-tokens/api-types";

/** The error codes of the spec's table (info.description). */
export const ErrorCode = {
  validation: 1000,
  malformedBody: 1001,
  requestTimeout: 1002,
  missingAuthorization: 1100,
  unknownApiToken: 1101,
  tokenNotFound: 1200,
  routeNotFound: 1201,
  methodNotAllowed: 1202,
  permanentLimit: 1300,
  unsupportedMediaType: 1400,
  bodyTooLarge: 1401,
  headersTooLarge: 1402,
  rateLimited: 1500,
  internal: 1900,
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

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

export const permanentLimitReached = (limit: number): ApiError =>
  new ApiError(
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
