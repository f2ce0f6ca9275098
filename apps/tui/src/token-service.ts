import type { StreamTokens } from "@stream-tokens/core";

/**
 * The part of core's `client.streams.tokens` that the UI and the commands use. Naming only these
 * methods keeps the screens independent of how the client is built.
 */
export type TokenService = Pick<
  StreamTokens,
  "create" | "list" | "listAll" | "get" | "update" | "delete" | "deleteList" | "raw"
>;

/** `listAll(...).toArray(NO_MAX)`: every token, where core's default stops at 10,000. */
export const NO_MAX = { max: Number.MAX_SAFE_INTEGER } as const;
