import type { StreamToken } from "@stream-tokens/api-types";
import { deleteTokens, setTokensActive } from "../token-batch.js";
import type { ActionContext } from "./action-context.js";
import * as say from "./messages.js";
import { PERMANENT_LIMIT } from "./token-view.js";

/** The requests behind the token keys (n, p, space, d, D and their bulk forms), and what they report. */

export async function create(context: ActionContext, permanent: boolean): Promise<void> {
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

export async function toggleOne({ jobs, service, dispatch, list }: ActionContext, token: StreamToken) {
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

export async function deleteOne({ jobs, service, dispatch, list }: ActionContext, token: StreamToken) {
  const done = await jobs.run({ kind: "delete", ids: [token.id] }, () => service.delete(token.id));
  if (!done) return;
  list.removed([token.id]);
  dispatch({ type: "unmark", ids: [token.id] });
  dispatch({ type: "setStatus", status: say.deleted(token.id) });
  await list.refresh();
}

export async function deleteMarked({ jobs, service, dispatch, list }: ActionContext, ids: readonly number[]) {
  const outcome = await jobs.run({ kind: "delete", ids }, () => deleteTokens(service, ids));
  if (!outcome) return;
  const done = outcome.value.done.map(({ id }) => id);
  list.removed(done);
  dispatch({ type: "unmark", ids: done });
  dispatch({ type: "setStatus", status: say.batchOutcome("Deleted", outcome.value) });
  await list.refresh();
}

export async function setActiveMarked(
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

export async function deleteList(context: ActionContext, count: number) {
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
