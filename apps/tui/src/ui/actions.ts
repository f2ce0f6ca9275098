import type { ActionContext, ActionHandler } from "./action-context.js";
import type { Action } from "./keymap.js";
import * as say from "./messages.js";
import { replaceDeletingFirst, retireOld, startReplace } from "./replace-actions.js";
import type { Question } from "./state.js";
import { create, deleteList, deleteMarked, deleteOne, setActiveMarked, toggleOne } from "./token-actions.js";
import { clamp } from "./token-view.js";

export type { ActionContext, ContextChoice, View } from "./action-context.js";

function moveTo(
  { view, dispatch }: ActionContext,
  target: (cursor: number, count: number, page: number) => number,
): void {
  const { shown, cursor, tableRows } = view;
  const index = clamp(target(cursor, shown.length, tableRows), 0, Math.max(0, shown.length - 1));
  dispatch({ type: "select", selection: { id: shown[index]?.id ?? null, index } });
}

/** The marked tokens that are still listed (a refresh may have dropped some). */
const markedIds = ({ state, list }: ActionContext): number[] =>
  list.tokens.filter((token) => state.marks.has(token.id)).map((token) => token.id);

function confirm(context: ActionContext): void {
  const { state, dispatch } = context;
  const overlay = state.overlay;
  if (overlay.kind === "confirmDeleteList") {
    if (overlay.typed !== String(overlay.count)) return;
    dispatch({ type: "close" });
    void deleteList(context, overlay.count);
    return;
  }
  if (overlay.kind === "newKey") {
    dispatch({ type: "close" });
    if (overlay.old === undefined) return;
    if (overlay.focus === "ok") void retireOld(context, overlay.old, overlay.fresh);
    else dispatch({ type: "setStatus", status: say.replaceKept(overlay.old.id, overlay.fresh.id) });
    return;
  }
  if (overlay.kind !== "confirm") return;
  dispatch({ type: "close" });
  if (overlay.focus !== "ok") return;
  const answer = answers[overlay.question.kind] as (
    context: ActionContext,
    question: Question,
  ) => Promise<void>;
  void answer(context, overlay.question);
}

type Answers = {
  [K in Question["kind"]]: (
    context: ActionContext,
    question: Extract<Question, { kind: K }>,
  ) => Promise<void>;
};

/** What a dialog's OK button does, for each question. */
const answers: Answers = {
  deleteOne: (context, { token }) => deleteOne(context, token),
  deleteMarked: (context, { ids }) => deleteMarked(context, ids),
  setActiveMarked: (context, { ids, active }) => setActiveMarked(context, ids, active),
  replaceAtLimit: (context, { token }) => replaceDeletingFirst(context, token),
};

function closeOverlay(context: ActionContext): void {
  const { state, dispatch } = context;
  const overlay = state.overlay;
  dispatch({ type: "close" });
  if (overlay.kind === "newKey" && overlay.old !== undefined) {
    dispatch({ type: "setStatus", status: say.replaceKept(overlay.old.id, overlay.fresh.id) });
  }
}

async function switchContext(context: ActionContext, name: string) {
  const { contexts, jobs } = context;
  if (!contexts || name === contexts.current) return;
  await jobs.run({ kind: "connect", context: name }, () => contexts.switchTo(name));
}

/** What each action does; the compiler demands a handler for every action of the keymap. */
export const actionHandlers: Record<Action, ActionHandler> = {
  quit: ({ quit }) => quit(),
  up: (context) => moveTo(context, (from) => from - 1),
  down: (context) => moveTo(context, (from) => from + 1),
  top: (context) => moveTo(context, () => 0),
  bottom: (context) => moveTo(context, (_, count) => count - 1),
  pageUp: (context) => moveTo(context, (from, _, page) => from - page),
  pageDown: (context) => moveTo(context, (from, _, page) => from + page),
  scrollUp: ({ state, view, dispatch }) => {
    if (state.overlay.kind !== "help") return;
    const offset = clamp(state.overlay.offset - 1, 0, view.helpScrollLimit);
    dispatch({ type: "open", overlay: { kind: "help", offset } });
  },
  scrollDown: ({ state, view, dispatch }) => {
    if (state.overlay.kind !== "help") return;
    const offset = clamp(state.overlay.offset + 1, 0, view.helpScrollLimit);
    dispatch({ type: "open", overlay: { kind: "help", offset } });
  },
  filterAll: ({ list }) => list.switchKind("all"),
  filterTemporary: ({ list }) => list.switchKind("temporary"),
  filterPermanent: ({ list }) => list.switchKind("permanent"),
  startSearch: ({ dispatch }) => dispatch({ type: "open", overlay: { kind: "filter" } }),
  endSearch: ({ dispatch }) => dispatch({ type: "close" }),
  escape: ({ state, dispatch }) => {
    if (state.overlay.kind === "filter") {
      dispatch({ type: "setText", text: "" });
      dispatch({ type: "close" });
    } else if (state.status.kind === "error") {
      dispatch({ type: "setStatus", status: { kind: "idle" } });
    } else {
      dispatch({ type: "setText", text: "" });
    }
  },
  createTemporary: (context) => void create(context, false),
  createPermanent: (context) => void create(context, true),
  toggleActive: (context) => {
    const marked = markedIds(context);
    const selected = context.view.selected;
    if (marked.length > 0) {
      // One state for all of them, as a group's checkbox does: off when every one is on, else on.
      const markedSet = new Set(marked);
      const active = !context.list.tokens.every((token) => !markedSet.has(token.id) || token.is_active);
      context.dispatch({
        type: "open",
        overlay: {
          kind: "confirm",
          question: { kind: "setActiveMarked", ids: marked, active },
          focus: "cancel",
        },
      });
    } else if (selected) void toggleOne(context, selected);
  },
  delete: (context) => {
    const marked = markedIds(context);
    const selected = context.view.selected;
    const question =
      marked.length > 0
        ? { kind: "deleteMarked" as const, ids: marked }
        : selected
          ? { kind: "deleteOne" as const, token: selected }
          : undefined;
    if (question) context.dispatch({ type: "open", overlay: { kind: "confirm", question, focus: "cancel" } });
  },
  deleteList: ({ list, view, dispatch }) => {
    const hidden = list.tokens.length - view.shown.length;
    if (hidden > 0) dispatch({ type: "setStatus", status: say.deleteListHidden(list.kind, hidden) });
    else if (list.tokens.length === 0) dispatch({ type: "setStatus", status: say.nothingToDelete });
    else
      dispatch({
        type: "open",
        overlay: { kind: "confirmDeleteList", count: list.tokens.length, filter: list.kind, typed: "" },
      });
  },
  openDetail: ({ view, dispatch }) => {
    if (view.selected)
      dispatch({ type: "open", overlay: { kind: "detail", id: view.selected.id, revealed: false } });
  },
  reveal: ({ state, dispatch }) => {
    const overlay = state.overlay;
    if (overlay.kind === "detail" || overlay.kind === "newKey")
      dispatch({ type: "open", overlay: { ...overlay, revealed: !overlay.revealed } });
  },
  copy: ({ state, view, dispatch, copyToClipboard }) => {
    const overlay = state.overlay;
    const token =
      overlay.kind === "newKey"
        ? overlay.fresh
        : overlay.kind === "detail"
          ? view.detailToken
          : view.selected;
    if (!token) return;
    copyToClipboard(token.key);
    dispatch({ type: "setStatus", status: say.copied(token.id) });
  },
  refresh: ({ list }) => void list.refresh(),
  help: ({ dispatch }) => dispatch({ type: "open", overlay: { kind: "help", offset: 0 } }),
  closeOverlay: closeOverlay,
  focusNext: ({ state, dispatch }) => {
    const overlay = state.overlay;
    if (overlay.kind === "confirm" || overlay.kind === "newKey")
      dispatch({
        type: "open",
        overlay: { ...overlay, focus: overlay.focus === "cancel" ? "ok" : "cancel" },
      });
  },
  confirm,
  sortNext: ({ dispatch }) => dispatch({ type: "sortNext" }),
  sortReverse: ({ dispatch }) => dispatch({ type: "sortReverse" }),
  mark: (context) => {
    const selected = context.view.selected;
    if (!selected) return;
    context.dispatch({ type: "toggleMark", id: selected.id });
    moveTo(context, (from) => from + 1);
  },
  markAll: ({ view, dispatch }) => dispatch({ type: "mark", ids: view.shown.map((token) => token.id) }),
  clearMarks: ({ dispatch }) => dispatch({ type: "clearMarks" }),
  toggleExpired: ({ dispatch }) => dispatch({ type: "toggleHideExpired" }),
  replace: (context) => {
    if (context.view.selected) void startReplace(context, context.view.selected);
  },
  openContexts: ({ contexts, dispatch }) => {
    if (!contexts) return dispatch({ type: "setStatus", status: say.noContexts });
    const index = Math.max(0, contexts.names.indexOf(contexts.current));
    dispatch({ type: "open", overlay: { kind: "contexts", index } });
  },
  contextUp: ({ state, contexts, dispatch }) => {
    if (state.overlay.kind !== "contexts" || !contexts) return;
    dispatch({ type: "open", overlay: { kind: "contexts", index: Math.max(0, state.overlay.index - 1) } });
  },
  contextDown: ({ state, contexts, dispatch }) => {
    if (state.overlay.kind !== "contexts" || !contexts) return;
    const index = Math.min(contexts.names.length - 1, state.overlay.index + 1);
    dispatch({ type: "open", overlay: { kind: "contexts", index } });
  },
  switchContext: (context) => {
    const { state, contexts, dispatch } = context;
    if (state.overlay.kind !== "contexts" || !contexts) return;
    const name = contexts.names[state.overlay.index];
    dispatch({ type: "close" });
    if (name !== undefined) void switchContext(context, name);
  },
};
