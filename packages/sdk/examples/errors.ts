// Errors: every failure is a StreamTokensError; answers of the API are APIError subclasses.
import {
  APIError,
  AuthenticationError,
  Client,
  ConflictError,
  ConnectionError,
  ErrorCode,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from "stream-tokens";

const client = new Client();

try {
  await client.streams.tokens.get(987654321);
} catch (error) {
  // String(error): "NotFoundError: GET /v1/streams/tokens/987654321/: Stream token not found."
  if (error instanceof NotFoundError && error.errorCodes.includes(ErrorCode.tokenNotFound)) {
    console.log(`not found: ${error.status} ${error.message}`);
  } else throw error;
}

try {
  await client.streams.tokens.list({ limit: 1000 }); // limit is 1..100: refused before sending
} catch (error) {
  // error.field is "limit"; error.message is "limit: must be an integer from 1 to 100, got 1000"
  if (error instanceof ValidationError) console.log(`invalid: ${error.message}`);
  else throw error;
}

try {
  await new Client({ apiToken: "not-a-real-token" }).streams.tokens.list();
} catch (error) {
  if (error instanceof AuthenticationError) console.log(`auth failed: ${error.status}`);
  else throw error;
}

// One handler for everything, most specific first:
function describe(error: unknown): string {
  if (error instanceof RateLimitError) return `slow down, retry after ${error.retryAfter ?? "?"} s`;
  if (error instanceof ConflictError)
    return `conflict: ${error.fields.map((field) => field.message).join("; ")}`;
  if (error instanceof APIError) return `API error ${error.status} after ${error.attempts} attempt(s)`;
  if (error instanceof TimeoutError) return `timed out (${error.limit})`;
  if (error instanceof ConnectionError) return "could not reach the API";
  return String(error);
}
const failed = await client.streams.tokens.delete(987654321).then(
  () => undefined,
  (error: unknown) => error,
);
console.log(describe(failed));
