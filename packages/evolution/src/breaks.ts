// The changes to a spec that break a client written against the previous one. A client writes
// requests (so the server must keep accepting everything it accepted) and reads responses (so the
// server must keep sending everything it promised, and nothing the client was told to rule out).

export const BREAK_RULES = {
  "removed-operation": "an operation (method and path) is gone",
  "changed-operation-id": "an operation's operationId changed (generated clients name it by it)",
  "removed-security": "a way to authenticate that the operation accepted is gone",
  "changed-security-scheme": "a security scheme is sent differently (type, header name, location)",
  "removed-parameter": "a parameter that clients send is gone",
  "new-required-parameter": "a new parameter is required",
  "parameter-now-required": "an optional parameter became required",
  "changed-parameter-style": "a parameter is serialized differently (style or explode)",
  "new-required-body": "a request body is now required where there was none",
  "body-now-required": "an optional request body became required",
  "removed-body": "a request body that clients send is gone",
  "removed-media-type": "a media type of a request or response body is gone",
  "removed-success-status": "a success status the operation answered with is gone",
  "new-success-status": "the operation may answer with a success status clients do not expect",
  "removed-response-header": "a response header that was promised is gone",
  "removed-field": "a field of a request or response object is gone",
  "new-required-field": "a request object has a new required field",
  "field-now-required": "an optional field of a request object became required",
  "field-now-optional": "a field that responses always carried may now be missing",
  "narrowed-type": "a request value no longer accepts a type it accepted",
  "widened-type": "a response value may now be of a type it never was",
  "removed-enum-value": "a value is gone from an enum (requests refuse it; clients lose its name)",
  "narrowed-values": "a request value is now restricted to an enum",
  "widened-values": "a response value that was restricted to an enum no longer is",
  "narrowed-bound": "a request value's bound, pattern or format is stricter",
  "widened-bound": "a response value's bound, pattern or format is looser",
  "changed-default": "a request value's default changed (clients that omit it get something else)",
  "unjudged-change": "a schema keyword this checker does not judge changed (acknowledge it or not)",
} as const;

export type BreakRule = keyof typeof BREAK_RULES;

export interface Break {
  readonly rule: BreakRule;
  /** Where it happens: the operation, then the parameter, body or response, then the field. */
  readonly where: string;
  readonly detail: string;
}

/** The line that names a break in an override file: stable while the wording of `detail` changes. */
export function breakKey(found: Break): string {
  return `${found.rule}: ${found.where}`;
}

export function describeBreak(found: Break): string {
  return `${breakKey(found)} (${found.detail})`;
}
