import type { StreamToken } from "@stream-tokens/api-types";
import { limits } from "@stream-tokens/core";

/** The most permanent tokens an account/space may hold (the spec's x-limits). */
export const PERMANENT_LIMIT = limits.permanentTokens;

export type KindFilter = "all" | "temporary" | "permanent";

/** What one token of a kind filter is called: "token", "temporary token", "permanent token". */
export const tokenNoun = (kind: KindFilter): string => (kind === "all" ? "token" : `${kind} token`);

/** The API's `permanent` parameter for a kind filter: absent, false or true. */
export function permanentParam(kind: KindFilter): { permanent?: boolean } {
  if (kind === "all") return {};
  return { permanent: kind === "permanent" };
}

/** Tokens whose id or key contains the text (case-insensitive); all of them for an empty text. */
export function matchText(tokens: readonly StreamToken[], text: string): readonly StreamToken[] {
  const needle = text.trim().toLowerCase();
  if (needle === "") return tokens;
  return tokens.filter(
    (token) => String(token.id).includes(needle) || token.key.toLowerCase().includes(needle),
  );
}

/** Tokens with the active flags the user set but the server has not confirmed yet. */
export function withPendingToggles(
  tokens: readonly StreamToken[],
  pending: ReadonlyMap<number, boolean>,
): readonly StreamToken[] {
  if (pending.size === 0) return tokens;
  return tokens.map((token) => {
    const active = pending.get(token.id);
    return active === undefined ? token : { ...token, is_active: active };
  });
}

export const clamp = (value: number, low: number, high: number): number =>
  Math.min(Math.max(value, low), high);

/** The first visible row for a cursor, scrolling as little as possible from the previous first row. */
export function scrollFor(previousTop: number, cursor: number, visibleRows: number, total: number): number {
  const rows = Math.max(1, visibleRows);
  let top = previousTop;
  if (cursor < top) top = cursor;
  if (cursor >= top + rows) top = cursor - rows + 1;
  return clamp(top, 0, Math.max(0, total - rows));
}
