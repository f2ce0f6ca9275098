import type { StreamToken } from "@stream-tokens/api-types";
import { sortKeyOf } from "../token-fields.js";
import type { Sort } from "./state.js";
import { matchText, withPendingToggles } from "./token-view.js";

/** An hour: tokens that expire sooner are marked. */
export const SOON_MS = 3_600_000;

/** When each token stops working (ms since the epoch), Infinity for a permanent one. */
export function expiryTimes(tokens: readonly StreamToken[]): Map<number, number> {
  const times = new Map<number, number>();
  for (const token of tokens) {
    const time = token.expires === null ? Number.NaN : Date.parse(token.expires);
    times.set(token.id, Number.isNaN(time) ? Number.POSITIVE_INFINITY : time);
  }
  return times;
}

export interface ExpiryCounts {
  soon: number;
  expired: number;
}

export function countExpiry(times: ReadonlyMap<number, number>, now: number): ExpiryCounts {
  const counts = { soon: 0, expired: 0 };
  for (const time of times.values()) {
    if (time <= now) counts.expired += 1;
    else if (time - now <= SOON_MS) counts.soon += 1;
  }
  return counts;
}

/** The tokens in the sort's order (a stable sort: equal ones keep the server's order). */
export function sorted(tokens: readonly StreamToken[], sort: Sort): readonly StreamToken[] {
  if (sort.column === null) return sort.descending ? [...tokens].reverse() : tokens;
  // Each token's key is read once (dates parsed once), then positions are sorted by it.
  const keyOf = sortKeyOf(sort.column);
  const keys = Float64Array.from(tokens, keyOf);
  const direction = sort.descending ? -1 : 1;
  const order = Array.from(tokens.keys()).sort(
    (a, b) => direction * ((keys[a] ?? 0) - (keys[b] ?? 0)) || a - b,
  );
  return order.map((index) => tokens[index] as StreamToken);
}

export interface Visible {
  tokens: readonly StreamToken[];
  pending: ReadonlyMap<number, boolean>;
  text: string;
  hideExpired: boolean;
  times: ReadonlyMap<number, number>;
  now: number;
}

/** The rows of the table: the sorted tokens with pending toggles, the / filter and, with x, no expired. */
export function visibleTokens({
  tokens,
  pending,
  text,
  hideExpired,
  times,
  now,
}: Visible): readonly StreamToken[] {
  const matching = matchText(withPendingToggles(tokens, pending), text);
  if (!hideExpired) return matching;
  return matching.filter((token) => (times.get(token.id) ?? Number.POSITIVE_INFINITY) > now);
}
