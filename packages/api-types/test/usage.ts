// Compiled by types.test.ts against the generated types: it stops compiling when the spec loses a
// field that code relies on.
import type {
  CreateStreamTokenBody,
  ErrorBody,
  ListStreamTokensQuery,
  paths,
  StreamToken,
  UpdateStreamTokenBody,
} from "../src/index.js";

export function describeToken(token: StreamToken): string {
  const kind = token.expires === null ? "permanent" : `expires ${token.expires}`;
  return `#${token.id} ${token.key} ${token.is_active ? "active" : "inactive"} ${token.created} ${kind}`;
}

export function describeError(body: ErrorBody): string {
  const fields = body.fields.map((field) => `${field.name}: ${field.message} (${field.error_code})`);
  return [body.message, body.error_codes.join(","), ...fields].join("\n");
}

export const createBody: CreateStreamTokenBody = { permanent: true };
export const updateBody: UpdateStreamTokenBody = { is_active: false };
export const query: ListStreamTokensQuery = { permanent: false, limit: 10, offset: 5 };

type ListOk = paths["/v1/streams/tokens/"]["get"]["responses"]["200"]["content"]["application/json"];
export const firstKey = (page: ListOk): string | undefined => page[0]?.key;
