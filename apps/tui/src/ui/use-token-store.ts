import type { StreamToken } from "@stream-tokens/api-types";
import { useCallback, useEffect, useRef, useState } from "react";
import { isPermanent, maskSecret } from "../core.js";
import { countOf, describeError, kindOf } from "../format.js";
import { NO_MAX, type TokenService } from "../token-service.js";
import type { Status } from "./StatusLine.js";
import { type KindFilter, PERMANENT_LIMIT, permanentParam, tokenNoun } from "./token-view.js";

/** Every token of a listing; `onPage` sees the growing list after the first 100 and every 1,000 after. */
async function collect(
  tokens: AsyncIterable<StreamToken>,
  onPage?: (partial: readonly StreamToken[]) => void,
): Promise<StreamToken[]> {
  const all: StreamToken[] = [];
  for await (const token of tokens) {
    all.push(token);
    if (onPage && (all.length === 100 || all.length % 1000 === 0)) onPage([...all]);
  }
  return all;
}

export interface TokenStoreOptions {
  refreshIntervalMs: number;
  successFadeMs: number;
  /** True while the screen must hold still (a dialog is open): the periodic refresh waits. */
  paused: boolean;
}

export interface TokenStore {
  tokens: readonly StreamToken[];
  /** Permanent tokens on the server (whatever the filter); null until the first load. */
  permanentCount: number | null;
  lastRefresh: Date | null;
  kind: KindFilter;
  /** Active flags set by the user that the server has not confirmed yet. */
  pending: ReadonlyMap<number, boolean>;
  status: Status;
  /** What the requests in flight are doing; empty when none runs. */
  busy: string;
  setStatus(status: Status): void;
  refresh(label?: string): Promise<void>;
  switchKind(next: KindFilter): void;
  /** The new token, or undefined when refused (up front or by the server; the status says why). */
  create(permanent: boolean): Promise<StreamToken | undefined>;
  toggleActive(token: StreamToken): Promise<void>;
  deleteOne(token: StreamToken): Promise<void>;
  /** Deletes the filter's tokens only if the server still has exactly `count` of them. */
  deleteList(filter: KindFilter, count: number): Promise<void>;
}

/** The tokens on screen and every request that changes them, with progress and outcome in `status`. */
export function useTokenStore(
  service: TokenService,
  { refreshIntervalMs, successFadeMs, paused }: TokenStoreOptions,
): TokenStore {
  const [tokens, setTokens] = useState<readonly StreamToken[]>([]);
  const [permanentCount, setPermanentCount] = useState<number | null>(null);
  const [lastRefresh, setLastRefresh] = useState<Date | null>(null);
  const [kind, setKind] = useState<KindFilter>("all");
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [jobs, setJobs] = useState<readonly { id: number; label: string }[]>([]);
  const [pending, setPending] = useState<ReadonlyMap<number, boolean>>(new Map());

  // What timers and late callbacks must read as it is now, not as it was when they were made.
  const latest = useRef({ kind, loaded: tokens.length, jobs: 0, paused });
  latest.current.loaded = tokens.length;
  latest.current.paused = paused;

  const jobSequence = useRef(0);
  const run = useCallback(
    async <T>(label: string, work: () => Promise<T>): Promise<{ value: T } | undefined> => {
      const id = ++jobSequence.current;
      setJobs((current) => [...current, { id, label }]);
      latest.current.jobs += 1;
      try {
        return { value: await work() };
      } catch (error) {
        setStatus({ kind: "error", text: describeError(error) });
        return undefined;
      } finally {
        latest.current.jobs -= 1;
        setJobs((current) => current.filter((job) => job.id !== id));
      }
    },
    [],
  );

  const generation = useRef(0);
  const refresh = useCallback(
    async (label = "refreshing") => {
      const forKind = latest.current.kind;
      const current = ++generation.current;
      // On an empty screen (the first load) show tokens page by page while the rest arrive.
      const onPage =
        latest.current.loaded === 0
          ? (partial: readonly StreamToken[]) => {
              if (current === generation.current) setTokens(partial);
            }
          : undefined;
      await run(label, async () => {
        const [list, permanentList] = await Promise.all([
          collect(service.listAll(permanentParam(forKind)), onPage),
          forKind === "temporary"
            ? service.listAll({ permanent: true }).toArray(NO_MAX)
            : Promise.resolve(undefined),
        ]);
        if (current !== generation.current) return;
        setTokens(list);
        setPermanentCount(
          permanentList
            ? permanentList.length
            : forKind === "permanent"
              ? list.length
              : list.filter(isPermanent).length,
        );
        setLastRefresh(new Date());
      });
    },
    [service, run],
  );

  useEffect(() => {
    void refresh("loading tokens");
  }, [refresh]);

  useEffect(() => {
    // One more interval per 1,000 tokens: a long list takes one request per 100 tokens to read.
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
      if (ticks < Math.max(1, Math.ceil(latest.current.loaded / 1000))) return;
      if (latest.current.paused || latest.current.jobs > 0) return;
      ticks = 0;
      void refresh("auto-refresh");
    }, refreshIntervalMs);
    return () => clearInterval(timer);
  }, [refresh, refreshIntervalMs]);

  useEffect(() => {
    if (status.kind !== "success") return;
    const timer = setTimeout(
      () => setStatus((now) => (now === status ? { kind: "idle" } : now)),
      successFadeMs,
    );
    return () => clearTimeout(timer);
  }, [status, successFadeMs]);

  const switchKind = (next: KindFilter) => {
    latest.current.kind = next;
    setKind(next);
    setTokens((current) => (next === "all" ? current : current.filter((token) => kindOf(token) === next)));
    void refresh(`loading ${next} tokens`);
  };

  const create = async (permanent: boolean) => {
    if (permanent && permanentCount !== null && permanentCount >= PERMANENT_LIMIT) {
      setStatus({
        kind: "error",
        text: `Refused: ${permanentCount}/${PERMANENT_LIMIT} permanent tokens exist, the most allowed. Delete one first.`,
      });
      return undefined;
    }
    const kindName = permanent ? "permanent" : "temporary";
    const created = await run(`creating a ${kindName} token`, () => service.create({ permanent }));
    if (!created) return undefined;
    const token = created.value;
    setStatus({ kind: "success", text: `Created ${kindName} token #${token.id} (${maskSecret(token.key)})` });
    void refresh();
    return token;
  };

  const toggleActive = async (token: StreamToken) => {
    const next = !token.is_active;
    setPending((current) => new Map(current).set(token.id, next));
    const updated = await run(`${next ? "activating" : "deactivating"} #${token.id}`, () =>
      service.update(token.id, { is_active: next }),
    );
    setPending((current) => {
      const without = new Map(current);
      without.delete(token.id);
      return without;
    });
    if (!updated) return;
    setTokens((current) => current.map((each) => (each.id === token.id ? updated.value : each)));
    setStatus({
      kind: "success",
      text: `Token #${token.id} is now ${updated.value.is_active ? "active" : "inactive"}`,
    });
  };

  const deleteOne = async (token: StreamToken) => {
    const done = await run(`deleting #${token.id}`, () => service.delete(token.id));
    if (!done) return;
    setTokens((current) => current.filter((each) => each.id !== token.id));
    setStatus({ kind: "success", text: `Deleted token #${token.id}` });
    await refresh();
  };

  const deleteList = async (filter: KindFilter, count: number) => {
    const query = permanentParam(filter);
    const noun = tokenNoun(filter);
    const done = await run(`deleting ${countOf(count, noun)}`, async () => {
      const onServer = (await service.listAll(query).toArray(NO_MAX)).length;
      if (onServer !== count) {
        throw new Error(
          `Nothing deleted: the server now has ${countOf(onServer, noun)}, not ${count}. Press D again.`,
        );
      }
      await service.deleteList(query);
    });
    if (done)
      setStatus({
        kind: "success",
        text: `Deleted ${countOf(count, noun)}`,
      });
    await refresh();
  };

  return {
    tokens,
    permanentCount,
    lastRefresh,
    kind,
    pending,
    status,
    busy: jobs.map((job) => job.label).join(", "),
    setStatus,
    refresh,
    switchKind,
    create,
    toggleActive,
    deleteOne,
    deleteList,
  };
}
