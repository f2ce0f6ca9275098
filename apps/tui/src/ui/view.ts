import type { StreamToken } from "@stream-tokens/api-types";
import { SORT_COLUMNS, type SortColumn, sortKeyOf } from "../token-fields.js";
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

/**
 * The orders of one token list: each column's keys are read once (dates parsed once) and each order
 * is sorted once, so `s` cycling back to a column costs nothing. Made anew when the list changes.
 */
export class TokenOrders {
  readonly #tokens: readonly StreamToken[];
  readonly #keys = new Map<SortColumn, Float64Array>();
  readonly #orders = new Map<string, readonly StreamToken[]>();

  constructor(tokens: readonly StreamToken[]) {
    this.#tokens = tokens;
  }

  /** The tokens in the sort's order (a stable sort: equal ones keep the server's order). */
  sorted(sort: Sort): readonly StreamToken[] {
    const name = `${sort.column}:${sort.descending}`;
    const known = this.#orders.get(name);
    if (known) return known;
    const order = this.#sort(sort);
    this.#orders.set(name, order);
    return order;
  }

  #sort({ column, descending }: Sort): readonly StreamToken[] {
    const tokens = this.#tokens;
    if (column === null) return descending ? [...tokens].reverse() : tokens;
    const keys = this.#keysOf(column);
    const direction = descending ? -1 : 1;
    const order = Array.from(tokens.keys()).sort(
      (a, b) => direction * ((keys[a] ?? 0) - (keys[b] ?? 0)) || a - b,
    );
    return order.map((index) => tokens[index] as StreamToken);
  }

  /** Reads every sort column's keys now (in idle time), so that no `s` waits for dates to parse. */
  readKeys(): void {
    for (const column of SORT_COLUMNS) this.#keysOf(column);
  }

  #keysOf(column: SortColumn): Float64Array {
    let keys = this.#keys.get(column);
    if (keys === undefined) {
      keys = Float64Array.from(this.#tokens, sortKeyOf(column));
      this.#keys.set(column, keys);
    }
    return keys;
  }
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
