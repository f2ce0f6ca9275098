/**
 * The check of a server's answer that tests share: the guards generated from the spec
 * (@stream-tokens/api-types), strict on the fields the spec names and tolerant of others.
 */
export { isErrorBody, isStreamToken } from "@stream-tokens/api-types";

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
