import { maskSecret } from "../core.js";
import { countOf, describeError } from "../format.js";
import type { BatchOutcome } from "../token-batch.js";
import type { Job } from "./jobs.js";
import type { Status } from "./StatusLine.js";
import { type KindFilter, PERMANENT_LIMIT, tokenNoun } from "./token-view.js";

/** Every word the UI says about its work: job progress, outcomes and refusals. */

type JobWords = { [K in Job["kind"]]: (job: Extract<Job, { kind: K }>) => string };

const jobWords: JobWords = {
  load: ({ filter }) => (filter === "all" ? "loading tokens" : `loading ${filter} tokens`),
  refresh: ({ auto }) => (auto ? "auto-refresh" : "refreshing"),
  create: ({ permanent }) => `creating a ${permanent ? "permanent" : "temporary"} token`,
  setActive: ({ ids, active }) =>
    ids.length === 1
      ? `${active ? "activating" : "deactivating"} #${ids[0]}`
      : `${active ? "activating" : "deactivating"} ${countOf(ids.length, "token")}`,
  delete: ({ ids }) =>
    ids.length === 1 ? `deleting #${ids[0]}` : `deleting ${countOf(ids.length, "token")}`,
  deleteList: ({ filter, count }) => `deleting ${countOf(count, tokenNoun(filter))}`,
  replaceCreate: ({ oldId, oldLive }) =>
    oldLive
      ? `creating the replacement of #${oldId} (live: #${oldId})`
      : `creating the replacement of #${oldId} (live: none, #${oldId} is deleted)`,
  replaceDelete: ({ oldId, freshId }) =>
    freshId === undefined
      ? `deleting #${oldId} first (live: #${oldId} until it is gone)`
      : `deleting #${oldId} (live: #${freshId} and, until it is gone, #${oldId})`,
  countPermanent: () => "counting the permanent tokens",
  connect: ({ context }) => `connecting to ${context}`,
};

export const describeJob = (job: Job): string => (jobWords[job.kind] as (job: Job) => string)(job);

export const success = (text: string): Status => ({ kind: "success", text });
export const failure = (text: string): Status => ({ kind: "error", text });
export const errorStatus = (error: unknown): Status => failure(describeError(error));

export const created = (permanent: boolean, id: number, key: string): Status =>
  success(`Created ${permanent ? "permanent" : "temporary"} token #${id} (${maskSecret(key)})`);

export const permanentLimitRefusal = (count: number): Status =>
  failure(`Refused: ${count}/${PERMANENT_LIMIT} permanent tokens exist, the most allowed. Delete one first.`);

export const toggled = (id: number, active: boolean): Status =>
  success(`Token #${id} is now ${active ? "active" : "inactive"}`);

export const deleted = (id: number): Status => success(`Deleted token #${id}`);

export const deleteListHidden = (kind: KindFilter, hidden: number): Status =>
  failure(`D deletes every ${tokenNoun(kind)}, but the / filter hides ${hidden}. Esc clears it first.`);

export const nothingToDelete: Status = success("Nothing to delete");

export const deletedList = (filter: KindFilter, count: number): Status =>
  success(`Deleted ${countOf(count, tokenNoun(filter))}`);

export const listChanged = (filter: KindFilter, onServer: number, count: number): Status =>
  failure(
    `Nothing deleted: the server now has ${countOf(onServer, tokenNoun(filter))}, not ${count}. Press D again.`,
  );

export const copied = (id: number): Status => success(`Copied the key of #${id} to the clipboard (OSC 52)`);

/** A bulk action's outcome: how many succeeded, and each failure with its token and reason. */
export function batchOutcome<T>(verb: string, outcome: BatchOutcome<T>): Status {
  const done = `${verb} ${countOf(outcome.done.length, "token")}`;
  if (outcome.failed.length === 0) return success(done);
  const failures = outcome.failed.map(({ id, error }) => `#${id}: ${describeError(error)}`).join("; ");
  return failure(`${done}; ${outcome.failed.length} failed (${failures})`);
}

export const replaceKept = (oldId: number, freshId: number): Status =>
  success(`Kept #${oldId}: both #${oldId} and #${freshId} are live. R or d on #${oldId} retires it later.`);

export const replaced = (oldId: number, freshId: number): Status =>
  success(`Replaced #${oldId} by #${freshId}: only #${freshId} is live`);

export const replaceCreateFailed = (oldId: number, oldLive: boolean, error: unknown): Status =>
  failure(
    `${describeError(error)} · The replacement was not created; live: ${oldLive ? `#${oldId} (unchanged)` : `none (#${oldId} was deleted)`}`,
  );

export const replaceDeleteFailed = (oldId: number, freshId: number | undefined, error: unknown): Status =>
  failure(
    `${describeError(error)} · #${oldId} was not deleted; live: ${freshId === undefined ? `#${oldId}` : `#${oldId} and #${freshId}`}`,
  );

export const switched = (context: string): Status => success(`Switched to context ${context}`);

export const noContexts: Status = failure(
  'One context only: "stream-tokens context add NAME --url URL --token TOKEN" adds another',
);
