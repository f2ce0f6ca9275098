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
  const made = await createReplacement(context, token, true);
  if ("fresh" in made) {
    dispatch({
      type: "open",
      overlay: { kind: "newKey", fresh: made.fresh, old: token, revealed: false, focus: "cancel" },
    });
  } else {
    dispatch({ type: "setStatus", status: say.replaceCreateFailed(token.id, true, made.failure) });
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
  const made = await createReplacement(context, token, false);
  if ("fresh" in made) {
    dispatch({
      type: "open",
      overlay: { kind: "newKey", fresh: made.fresh, old: undefined, revealed: false, focus: "ok" },
    });
    dispatch({ type: "setStatus", status: say.replaced(token.id, made.fresh.id) });
  } else {
    dispatch({ type: "setStatus", status: say.replaceCreateFailed(token.id, false, made.failure) });
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

/** Creates the token that replaces `old`, as a job; on failure, the error the status line names. */
async function createReplacement(
  { jobs, service }: ActionContext,
  old: StreamToken,
  oldLive: boolean,
): Promise<{ fresh: StreamToken } | { failure: unknown }> {
  let failure: unknown;
  const made = await jobs.run({ kind: "replaceCreate", oldId: old.id, oldLive }, () =>
    createLike(service, old).catch((error: unknown) => {
      failure = error;
      throw error;
    }),
  );
  return made ? { fresh: made.value } : { failure };
}
