import type { StreamToken } from "@stream-tokens/api-types";
import { useCallback, useEffect, useRef, useState } from "react";
import { isPermanent } from "../core.js";
import { kindOf } from "../format.js";
import { loadAllTokens } from "../token-loading.js";
import type { TokenService } from "../token-service.js";
import { type KindFilter, permanentParam } from "./token-view.js";
import type { Jobs } from "./use-jobs.js";

export interface TokenListOptions {
  refreshIntervalMs: number;
  /** True while the screen must hold still (a dialog is open): the periodic refresh waits. */
  paused: boolean;
}

export interface TokenList {
  tokens: readonly StreamToken[];
  /** Permanent tokens on the server (whatever the filter); null until the first load. */
  permanentCount: number | null;
  lastRefresh: Date | null;
  kind: KindFilter;
  refresh(auto?: boolean): Promise<void>;
  switchKind(next: KindFilter): void;
  /** Applies a change the server confirmed, before the next refresh shows it. */
  updated(token: StreamToken): void;
  removed(ids: readonly number[]): void;
}

/** The tokens of the current kind filter: loaded at start, refreshed on demand and periodically. */
export function useTokenList(
  service: TokenService,
  jobs: Jobs,
  { refreshIntervalMs, paused }: TokenListOptions,
): TokenList {
  const [tokens, setTokens] = useState<readonly StreamToken[]>([]);
  const [permanentCount, setPermanentCount] = useState<number | null>(null);
  const [lastRefresh, setLastRefresh] = useState<Date | null>(null);
  const [kind, setKind] = useState<KindFilter>("all");

  // What timers and late callbacks must read as it is now, not as it was when they were made.
  const latest = useRef({ kind, loaded: tokens.length, paused });
  latest.current.loaded = tokens.length;
  latest.current.paused = paused;

  const generation = useRef(0);
  const { run, count: jobCount } = jobs;
  const load = useCallback(
    async (first: boolean, auto: boolean) => {
      const forKind = latest.current.kind;
      const current = ++generation.current;
      // On an empty screen (the first load) show the first page while the rest arrive.
      const onFirstPage =
        latest.current.loaded === 0
          ? (partial: readonly StreamToken[]) => {
              if (current === generation.current) setTokens(partial);
            }
          : undefined;
      const job = first
        ? { kind: "load" as const, filter: forKind, first: true }
        : { kind: "refresh" as const, auto };
      await run(job, async () => {
        const [list, permanentList] = await Promise.all([
          loadAllTokens(service, permanentParam(forKind), onFirstPage),
          forKind === "temporary" ? loadAllTokens(service, { permanent: true }) : Promise.resolve(undefined),
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
  const refresh = useCallback((auto = false) => load(false, auto), [load]);

  useEffect(() => {
    void load(true, false);
  }, [load]);

  useEffect(() => {
    // One more interval per 1,000 tokens: a long list takes one request per 100 tokens to read.
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
      if (ticks < Math.max(1, Math.ceil(latest.current.loaded / 1000))) return;
      if (latest.current.paused || jobCount() > 0) return;
      ticks = 0;
      void refresh(true);
    }, refreshIntervalMs);
    return () => clearInterval(timer);
  }, [refresh, refreshIntervalMs, jobCount]);

  const switchKind = (next: KindFilter) => {
    latest.current.kind = next;
    setKind(next);
    setTokens((current) => (next === "all" ? current : current.filter((token) => kindOf(token) === next)));
    void load(true, false);
  };

  const updated = (token: StreamToken) =>
    setTokens((current) => current.map((each) => (each.id === token.id ? token : each)));
  const removed = (ids: readonly number[]) => {
    const gone = new Set(ids);
    setTokens((current) => current.filter((each) => !gone.has(each.id)));
  };

  return { tokens, permanentCount, lastRefresh, kind, refresh, switchKind, updated, removed };
}
