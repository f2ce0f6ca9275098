import type { StreamToken } from "@stream-tokens/api-types";
import { isPermanent } from "./core.js";
import { displayKey, formatExpires, formatTimestamp, kindOf } from "./format.js";

/**
 * How every field of a token is shown, declared over the token's keys: a field added to
 * `StreamToken` in the spec fails the typecheck here until it gets a column and a detail line, or
 * is hidden on purpose (with the reason).
 */

export interface CellOptions {
  /** Keys in full (the CLI's --show-keys); masked otherwise. */
  showKeys: boolean;
  now: number;
}

export interface Column {
  heading: string;
  /** Place from the left. */
  order: number;
  /** Width in the full-screen table; "rest" takes what is left (at least 8). */
  width: number | "rest";
  /** Below this many terminal columns the full-screen table drops the column. */
  dropBelow?: number;
  cell(token: StreamToken, options: CellOptions): string;
  /** What `s` sorts by in this column (ascending); columns without it are not offered. */
  sortKey?: (token: StreamToken) => number;
}

/** A field deliberately not shown, and why. */
export interface Hidden {
  hidden: string;
}

export interface DetailLine {
  label: string;
  order: number;
  value(token: StreamToken, options: { revealed: boolean; now: number }): string;
}

const timeOf = (iso: string | null): number => {
  if (iso === null) return Number.POSITIVE_INFINITY;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
};

/** A derived column (not a field of its own): temporary or permanent, read from `expires`. */
type DerivedColumn = "kind";
export type ColumnName = keyof StreamToken | DerivedColumn;

/** The table's columns: one per field of the token (or hidden), plus the derived ones. */
export const TOKEN_COLUMNS = {
  id: {
    heading: "ID",
    order: 0,
    width: 8,
    cell: (token) => String(token.id),
    sortKey: (token) => token.id,
  },
  key: {
    heading: "KEY",
    order: 1,
    width: 16,
    cell: (token, { showKeys }) => displayKey(token, showKeys),
  },
  kind: {
    heading: "KIND",
    order: 2,
    width: 10,
    cell: (token) => kindOf(token),
    sortKey: (token) => Number(isPermanent(token)),
  },
  is_active: {
    heading: "ACTIVE",
    order: 3,
    width: 7,
    cell: (token) => (token.is_active ? "yes" : "no"),
    sortKey: (token) => Number(token.is_active),
  },
  created: {
    heading: "CREATED",
    order: 4,
    width: 17,
    dropBelow: 78,
    cell: (token) => formatTimestamp(token.created),
    sortKey: (token) => timeOf(token.created),
  },
  expires: {
    heading: "EXPIRES",
    order: 5,
    width: "rest",
    cell: (token, { now }) => formatExpires(token, now),
    sortKey: (token) => timeOf(token.expires),
  },
} satisfies Record<ColumnName, Column | Hidden>;

/** The detail pane's lines, one per field of the token (or hidden). */
export const TOKEN_DETAILS = {
  id: { label: "id", order: 0, value: (token) => String(token.id) },
  key: { label: "key", order: 1, value: (token, { revealed }) => displayKey(token, revealed) },
  is_active: { label: "active", order: 3, value: (token) => (token.is_active ? "yes" : "no") },
  created: { label: "created", order: 4, value: (token) => token.created },
  expires: {
    label: "expires",
    order: 5,
    value: (token, { now }) =>
      isPermanent(token) ? "never (permanent)" : `${formatExpires(token, now)} (${token.expires})`,
  },
} satisfies Record<keyof StreamToken, DetailLine | Hidden>;

/** The derived detail lines (not fields of their own). */
const DERIVED_DETAILS: readonly DetailLine[] = [{ label: "kind", order: 2, value: (token) => kindOf(token) }];

const isHidden = (entry: object): entry is Hidden => "hidden" in entry;

function shown<T extends { order: number }>(entries: readonly (T | Hidden)[]): T[] {
  return entries.filter((entry): entry is T => !isHidden(entry)).sort((a, b) => a.order - b.order);
}

export const COLUMN_NAMES = Object.keys(TOKEN_COLUMNS) as readonly ColumnName[];

/** The columns shown, left to right, with their names. */
export const tableColumns: readonly (Column & { name: ColumnName })[] = shown<Column & { name: ColumnName }>(
  COLUMN_NAMES.map((name): (Column & { name: ColumnName }) | Hidden => {
    const column: Column | Hidden = TOKEN_COLUMNS[name];
    return isHidden(column) ? column : { ...column, name };
  }),
);

export const detailLines: readonly DetailLine[] = shown<DetailLine>([
  ...Object.values(TOKEN_DETAILS),
  ...DERIVED_DETAILS,
]);

/** The columns `s` sorts by, in the order it cycles through them. */
export const SORT_COLUMNS = [
  "id",
  "created",
  "expires",
  "kind",
  "is_active",
] as const satisfies readonly ColumnName[];
export type SortColumn = (typeof SORT_COLUMNS)[number];

export function sortKeyOf(column: SortColumn): (token: StreamToken) => number {
  return TOKEN_COLUMNS[column].sortKey;
}
