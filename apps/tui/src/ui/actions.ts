import type { StreamToken } from "@stream-tokens/api-types";
import { isPermanent } from "../core.js";
import { createLike, permanentCountOf, replaceOrder } from "../replace.js";
import { deleteTokens, setTokensActive } from "../token-batch.js";
import type { TokenService } from "../token-service.js";
import type { Action } from "./keymap.js";
import * as say from "./messages.js";
import type { Question, UiEvent, UiState } from "./state.js";
import { clamp, PERMANENT_LIMIT } from "./token-view.js";
import type { Jobs } from "./use-jobs.js";
import type { TokenList } from "./use-token-list.js";

/** The contexts the `C` switcher offers, and how to switch. */
export interface ContextChoice {
  names: readonly string[];
  current: string;
  /** Resolves once the UI shows the other context; rejects (with the reason) when it cannot connect. */
  switchTo(name: string): Promise<void>;
}

/** What the screen shows now, derived from the state and the tokens. */
export interface View {
  shown: readonly StreamToken[];
  cursor: number;
  selected: StreamToken | undefined;
  /** Token rows in the table. */
  tableRows: number;
  detailToken: StreamToken | undefined;
  helpScrollLimit: number;
}

export interface ActionContext {
  state: UiState;
  view: View;
  dispatch(event: UiEvent): void;
  list: TokenList;
  jobs: Jobs;
  service: TokenService;
  quit(): void;
  copyToClipboard(text: string): void;
  contexts: ContextChoice | undefined;
}

type ActionHandler = (context: ActionContext) => void;

function moveTo(
  { view, dispatch }: ActionContext,
  target: (cursor: number, count: number, page: number) => number,
): void {
  const { shown, cursor, tableRows } = view;
  const index = clamp(target(cursor, shown.length, tableRows), 0, Math.max(0, shown.length - 1));
  dispatch({ type: "select", selection: { id: shown[index]?.id ?? null, index } });
}

async function create(context: ActionContext, permanent: boolean): Promise<void> {
  const { list, jobs, service, dispatch } = context;
  if (permanent && list.permanentCount !== null && list.permanentCount >= PERMANENT_LIMIT) {
    dispatch({ type: "setStatus", status: say.permanentLimitRefusal(list.permanentCount) });
    return;
  }
  const made = await jobs.run({ kind: "create", permanent }, () => service.create({ permanent }));
  if (!made) return;
  dispatch({ type: "select", selection: { id: made.value.id, index: 0 } });
  dispatch({ type: "setStatus", status: say.created(permanent, made.value.id, made.value.key) });
  void list.refresh();
}

async function toggleOne({ jobs, service, dispatch, list }: ActionContext, token: StreamToken) {
  const active = !token.is_active;
  dispatch({ type: "setPending", changes: new Map([[token.id, active]]) });
  const updated = await jobs.run({ kind: "setActive", ids: [token.id], active }, () =>
    service.update(token.id, { is_active: active }),
  );
  dispatch({ type: "settle", ids: [token.id] });
  if (!updated) return;
  list.updated(updated.value);
  dispatch({ type: "setStatus", status: say.toggled(token.id, updated.value.is_active) });
}

async function deleteOne({ jobs, service, dispatch, list }: ActionContext, token: StreamToken) {
  const done = await jobs.run({ kind: "delete", ids: [token.id] }, () => service.delete(token.id));
  if (!done) return;
  list.removed([token.id]);
  dispatch({ type: "unmark", ids: [token.id] });
  dispatch({ type: "setStatus", status: say.deleted(token.id) });
  await list.refresh();
}

async function deleteMarked({ jobs, service, dispatch, list }: ActionContext, ids: readonly number[]) {
  const outcome = await jobs.run({ kind: "delete", ids }, () => deleteTokens(service, ids));
  if (!outcome) return;
  const done = outcome.value.done.map(({ id }) => id);
  list.removed(done);
  dispatch({ type: "unmark", ids: done });
  dispatch({ type: "setStatus", status: say.batchOutcome("Deleted", outcome.value) });
  await list.refresh();
}

async function setActiveMarked(
  { jobs, service, dispatch, list }: ActionContext,
  ids: readonly number[],
  active: boolean,
) {
  dispatch({ type: "setPending", changes: new Map(ids.map((id) => [id, active])) });
  const outcome = await jobs.run({ kind: "setActive", ids, active }, () =>
    setTokensActive(service, ids, active),
  );
  dispatch({ type: "settle", ids });
  if (!outcome) return;
  for (const { value } of outcome.value.done) list.updated(value);
  dispatch({
    type: "setStatus",
    status: say.batchOutcome(active ? "Activated" : "Deactivated", outcome.value),
  });
}

async function deleteList(context: ActionContext, count: number) {
  const { jobs, service, dispatch, list } = context;
  const filter = list.kind;
  const query = filter === "all" ? {} : { permanent: filter === "permanent" };
  const done = await jobs.run({ kind: "deleteList", filter, count }, async () => {
    const onServer = (await service.listAll(query).toArray({ max: Number.MAX_SAFE_INTEGER })).length;
    if (onServer !== count) return { deleted: false as const, onServer };
    await service.deleteList(query);
    return { deleted: true as const };
  });
  if (done)
    dispatch({
      type: "setStatus",
      status: done.value.deleted
        ? say.deletedList(filter, count)
        : say.listChanged(filter, done.value.onServer, count),
    });
  await list.refresh();
}

/** `R`: creates the replacement first, unless a permanent token at the limit must go first. */
async function startReplace(context: ActionContext, token: StreamToken) {
  const { jobs, service, dispatch } = context;
  const count = isPermanent(token)
    ? await jobs.run({ kind: "countPermanent" }, () => permanentCountOf(service))
    : { value: 0 };
  if (!count) return;
  if (replaceOrder(token, count.value) === "deleteFirst") {
    dispatch({
      type: "open",
      overlay: { kind: "confirm", question: { kind: "replaceAtLimit", token }, focus: "cancel" },
    });
    return;
  }
  try {
    const fresh = await jobs.run({ kind: "replaceCreate", oldId: token.id, oldLive: true }, () =>
      createLike(service, token),
    );
    if (!fresh) return;
    dispatch({
      type: "open",
      overlay: { kind: "newKey", fresh: fresh.value, old: token, revealed: false, focus: "cancel" },
    });
  } finally {
    void context.list.refresh();
  }
}

async function replaceDeletingFirst(context: ActionContext, token: StreamToken) {
  const { jobs, service, dispatch, list } = context;
  const gone = await jobs.run({ kind: "replaceDelete", oldId: token.id, freshId: undefined }, () =>
    service.delete(token.id),
  );
  if (!gone) return;
  list.removed([token.id]);
  dispatch({ type: "unmark", ids: [token.id] });
  let failure: unknown;
  const fresh = await jobs.run({ kind: "replaceCreate", oldId: token.id, oldLive: false }, () =>
    createLike(service, token).catch((error: unknown) => {
      failure = error;
      throw error;
    }),
  );
  if (fresh) {
    dispatch({
      type: "open",
      overlay: { kind: "newKey", fresh: fresh.value, old: undefined, revealed: false, focus: "ok" },
    });
    dispatch({ type: "setStatus", status: say.replaced(token.id, fresh.value.id) });
  } else {
    dispatch({ type: "setStatus", status: say.replaceCreateFailed(token.id, false, failure) });
  }
  await list.refresh();
}

async function retireOld(context: ActionContext, old: StreamToken, fresh: StreamToken) {
  const { jobs, service, dispatch, list } = context;
  let failure: unknown;
  const gone = await jobs.run({ kind: "replaceDelete", oldId: old.id, freshId: fresh.id }, () =>
    service.delete(old.id).catch((error: unknown) => {
      failure = error;
      throw error;
    }),
  );
  if (gone) {
    list.removed([old.id]);
    dispatch({ type: "unmark", ids: [old.id] });
    dispatch({ type: "setStatus", status: say.replaced(old.id, fresh.id) });
  } else {
    dispatch({ type: "setStatus", status: say.replaceDeleteFailed(old.id, fresh.id, failure) });
  }
  await list.refresh();
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
