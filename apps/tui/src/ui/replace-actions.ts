import type { StreamToken } from "@stream-tokens/api-types";
import { isPermanent } from "../core.js";
import { createLike, permanentCountOf, replaceOrder } from "../replace.js";
import type { ActionContext } from "./action-context.js";
import * as say from "./messages.js";

/** `R`: creates the replacement first, unless a permanent token at the limit must go first. */
export async function startReplace(context: ActionContext, token: StreamToken) {
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
  let failure: unknown;
  const fresh = await jobs.run({ kind: "replaceCreate", oldId: token.id, oldLive: true }, () =>
    createLike(service, token).catch((error: unknown) => {
      failure = error;
      throw error;
    }),
  );
  if (fresh) {
    dispatch({
      type: "open",
      overlay: { kind: "newKey", fresh: fresh.value, old: token, revealed: false, focus: "cancel" },
    });
  } else {
    dispatch({ type: "setStatus", status: say.replaceCreateFailed(token.id, true, failure) });
  }
  void context.list.refresh();
}

export async function replaceDeletingFirst(context: ActionContext, token: StreamToken) {
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

export async function retireOld(context: ActionContext, old: StreamToken, fresh: StreamToken) {
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
