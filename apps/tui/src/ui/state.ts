import type { StreamToken } from "@stream-tokens/api-types";
import { SORT_COLUMNS, type SortColumn } from "../token-fields.js";
import type { Status } from "./StatusLine.js";
import type { KindFilter } from "./token-view.js";

export type ConfirmFocus = "cancel" | "ok";

/** What a two-button dialog asks; its wording is in Dialogs.tsx. */
export type Question =
  | { kind: "deleteOne"; token: StreamToken }
  | { kind: "deleteMarked"; ids: readonly number[] }
  | { kind: "setActiveMarked"; ids: readonly number[]; active: boolean }
  | { kind: "replaceAtLimit"; token: StreamToken };

export type Overlay =
  | { kind: "none" }
  | { kind: "filter" }
  | { kind: "help"; offset: number }
  | { kind: "detail"; id: number; revealed: boolean }
  | { kind: "confirm"; question: Question; focus: ConfirmFocus }
  | { kind: "confirmDeleteList"; count: number; filter: KindFilter; typed: string }
  /** A replacement's new key, shown once; with `old`, the old token still waits to be deleted. */
  | {
      kind: "newKey";
      fresh: StreamToken;
      old: StreamToken | undefined;
      revealed: boolean;
      focus: ConfirmFocus;
    }
  | { kind: "contexts"; index: number };

export interface Selection {
  id: number | null;
  index: number;
}

/** `column` null: the order the server lists them in (newest first). */
export interface Sort {
  column: SortColumn | null;
  descending: boolean;
}

export interface UiState {
  overlay: Overlay;
  /** The `/` filter's text. */
  text: string;
  selection: Selection;
  sort: Sort;
  marks: ReadonlySet<number>;
  hideExpired: boolean;
  /** Active flags set by the user that the server has not confirmed yet. */
  pending: ReadonlyMap<number, boolean>;
  status: Status;
}

export const initialUiState: UiState = {
  overlay: { kind: "none" },
  text: "",
  selection: { id: null, index: 0 },
  sort: { column: null, descending: false },
  marks: new Set(),
  hideExpired: false,
  pending: new Map(),
  status: { kind: "idle" },
};

export type UiEvent =
  | { type: "select"; selection: Selection }
  | { type: "open"; overlay: Overlay }
  | { type: "close" }
  | { type: "setText"; text: string }
  | { type: "setStatus"; status: Status }
  | { type: "sortNext" }
  | { type: "sortReverse" }
  | { type: "toggleMark"; id: number }
  | { type: "mark"; ids: readonly number[] }
  | { type: "unmark"; ids: readonly number[] }
  | { type: "clearMarks" }
  | { type: "toggleHideExpired" }
  | { type: "setPending"; changes: ReadonlyMap<number, boolean> }
  | { type: "settle"; ids: readonly number[] };

type Transitions = {
  [T in UiEvent["type"]]: (state: UiState, event: Extract<UiEvent, { type: T }>) => UiState;
};

const without = <T>(from: ReadonlySet<T> | ReadonlyMap<T, unknown>, ids: readonly T[]) => {
  const kept = new Set(from.keys());
  for (const id of ids) kept.delete(id);
  return kept;
};

/** Every transition of the UI's own state; the compiler demands one for each event. */
const transitions: Transitions = {
  select: (state, { selection }) => ({ ...state, selection }),
  open: (state, { overlay }) => ({ ...state, overlay }),
  close: (state) => ({ ...state, overlay: { kind: "none" } }),
  setText: (state, { text }) => ({ ...state, text }),
  setStatus: (state, { status }) => ({ ...state, status }),
  sortNext: (state) => {
    const next = state.sort.column === null ? 0 : SORT_COLUMNS.indexOf(state.sort.column) + 1;
    return { ...state, sort: { column: SORT_COLUMNS[next] ?? null, descending: state.sort.descending } };
  },
  sortReverse: (state) => ({ ...state, sort: { ...state.sort, descending: !state.sort.descending } }),
  toggleMark: (state, { id }) =>
    state.marks.has(id)
      ? { ...state, marks: without(state.marks, [id]) }
      : { ...state, marks: new Set(state.marks).add(id) },
  mark: (state, { ids }) => ({ ...state, marks: new Set([...state.marks, ...ids]) }),
  unmark: (state, { ids }) => ({ ...state, marks: without(state.marks, ids) }),
  clearMarks: (state) => ({ ...state, marks: new Set() }),
  toggleHideExpired: (state) => ({ ...state, hideExpired: !state.hideExpired }),
  setPending: (state, { changes }) => ({ ...state, pending: new Map([...state.pending, ...changes]) }),
  settle: (state, { ids }) => {
    const pending = new Map(state.pending);
    for (const id of ids) pending.delete(id);
    return { ...state, pending };
  },
};

export function reduce(state: UiState, event: UiEvent): UiState {
  const transition = transitions[event.type] as (state: UiState, event: UiEvent) => UiState;
  return transition(state, event);
}
