import type { StreamToken } from "@stream-tokens/api-types";
import { Box, type Key, Text, useInput } from "ink";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { isPermanent, maskSecret } from "../core.js";
import { describeError, kindOf } from "../format.js";
import type { TokenService } from "../token-service.js";
import { DetailPane } from "./DetailPane.js";
import { ConfirmDelete, ConfirmDeleteList, type ConfirmFocus } from "./Dialogs.js";
import { Footer } from "./Footer.js";
import { Header, type ServerInfo } from "./Header.js";
import { HelpOverlay, helpScrollLimit } from "./HelpOverlay.js";
import { type Action, actionFor, type Scope } from "./keymap.js";
import { type Status, StatusLine, statusHeight } from "./StatusLine.js";
import { TokenTable } from "./TokenTable.js";
import { fit } from "./text.js";
import {
  clamp,
  type KindFilter,
  matchText,
  permanentParam,
  scrollFor,
  withPendingToggles,
} from "./token-view.js";

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 12;
export const PERMANENT_LIMIT = 5;
/** Rows of the frame that are not token rows, besides the status: header (2), table header, footer. */
const CHROME_ROWS = 4;

type Overlay =
  | { kind: "none" }
  | { kind: "filter" }
  | { kind: "help"; offset: number }
  | { kind: "detail"; id: number; revealed: boolean }
  | { kind: "confirmDelete"; token: StreamToken; focus: ConfirmFocus }
  | { kind: "confirmDeleteList"; count: number; filter: KindFilter; typed: string };

const scopeOf = (overlay: Overlay): Scope => {
  switch (overlay.kind) {
    case "none":
      return "list";
    case "filter":
      return "filter";
    case "help":
      return "help";
    case "detail":
      return "detail";
    case "confirmDelete":
    case "confirmDeleteList":
      return "confirm";
  }
};

/** A dialog (or the help) holds the screen still: the periodic refresh waits while one is open. */
const pausesRefresh = (overlay: Overlay): boolean => overlay.kind !== "none" && overlay.kind !== "filter";

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

export interface AppProps {
  service: TokenService;
  server: ServerInfo;
  /** The frame: the terminal's columns, and one row less than its rows. */
  width: number;
  height: number;
  onQuit: () => void;
  copyToClipboard: (text: string) => void;
  refreshIntervalMs?: number;
  successFadeMs?: number;
}

interface Selection {
  id: number | null;
  index: number;
}

export function App({
  service,
  server,
  width,
  height,
  onQuit,
  copyToClipboard,
  refreshIntervalMs = 10_000,
  successFadeMs = 4_000,
}: AppProps) {
  const [tokens, setTokens] = useState<readonly StreamToken[]>([]);
  const [permanentCount, setPermanentCount] = useState<number | null>(null);
  const [lastRefresh, setLastRefresh] = useState<Date | null>(null);
  const [kind, setKind] = useState<KindFilter>("all");
  const [text, setText] = useState("");
  const [overlay, setOverlay] = useState<Overlay>({ kind: "none" });
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [jobs, setJobs] = useState<readonly { id: number; label: string }[]>([]);
  const [pending, setPending] = useState<ReadonlyMap<number, boolean>>(new Map());
  const [selection, setSelection] = useState<Selection>({ id: null, index: 0 });

  const shown = useMemo(() => matchText(withPendingToggles(tokens, pending), text), [tokens, pending, text]);
  const foundIndex = selection.id === null ? -1 : shown.findIndex((token) => token.id === selection.id);
  const cursor =
    shown.length === 0 ? 0 : foundIndex >= 0 ? foundIndex : clamp(selection.index, 0, shown.length - 1);
  const selected: StreamToken | undefined = shown[cursor];
  const busy = jobs.map((job) => job.label).join(", ");
  const statusRows = statusHeight(status, busy, width);
  const tableRows = Math.max(1, height - CHROME_ROWS - statusRows);
  const topRef = useRef(0);
  const top = scrollFor(topRef.current, cursor, tableRows, shown.length);
  topRef.current = top;

  // The latest values for callbacks that run later (timers, fast key repeats between renders).
  const latest = useRef({ shown, cursor, kind, overlay, jobs: 0, tableRows, loaded: tokens.length });
  latest.current = { shown, cursor, kind, overlay, jobs: jobs.length, tableRows, loaded: tokens.length };

  const jobSequence = useRef(0);
  const run = useCallback(
    async <T,>(label: string, work: () => Promise<T>): Promise<{ value: T } | undefined> => {
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
            ? collect(service.listAll({ permanent: true }))
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
      if (pausesRefresh(latest.current.overlay) || latest.current.jobs > 0) return;
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

  const moveTo = (target: (cursor: number, count: number, page: number) => number) =>
    setSelection(() => {
      const { shown: list, cursor: from, tableRows: page } = latest.current;
      const index = clamp(target(from, list.length, page), 0, Math.max(0, list.length - 1));
      latest.current.cursor = index;
      return { id: list[index]?.id ?? null, index };
    });

  const switchKind = (next: KindFilter) => {
    latest.current.kind = next;
    setKind(next);
    setTokens((current) => (next === "all" ? current : current.filter((token) => kindOf(token) === next)));
    void refresh(`loading ${next === "all" ? "all" : next} tokens`);
  };

  const create = async (permanent: boolean) => {
    if (permanent && permanentCount !== null && permanentCount >= PERMANENT_LIMIT) {
      setStatus({
        kind: "error",
        text: `Refused: ${permanentCount}/${PERMANENT_LIMIT} permanent tokens exist, the most allowed. Delete one first.`,
      });
      return;
    }
    const kindName = permanent ? "permanent" : "temporary";
    const created = await run(`creating a ${kindName} token`, () => service.create({ permanent }));
    if (!created) return;
    setStatus({
      kind: "success",
      text: `Created ${kindName} token #${created.value.id} (${maskSecret(created.value.key)})`,
    });
    setSelection({ id: created.value.id, index: 0 });
    await refresh();
  };

  const toggleActive = async () => {
    const token = selected;
    if (!token) return;
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

  const askDeleteList = () => {
    const hidden = tokens.length - shown.length;
    if (hidden > 0) {
      setStatus({
        kind: "error",
        text: `D deletes every ${kind === "all" ? "" : `${kind} `}token, but the / filter hides ${hidden}. Esc clears it first.`,
      });
      return;
    }
    if (tokens.length === 0) {
      setStatus({ kind: "success", text: "Nothing to delete" });
      return;
    }
    setOverlay({ kind: "confirmDeleteList", count: tokens.length, filter: kind, typed: "" });
  };

  const deleteList = async (filter: KindFilter, count: number) => {
    const query = permanentParam(filter);
    const done = await run(`deleting ${count} tokens`, async () => {
      const onServer = (await collect(service.listAll(query))).length;
      if (onServer !== count) {
        throw new Error(
          `Nothing deleted: ${onServer} tokens match on the server now, not ${count}. Press D again.`,
        );
      }
      await service.deleteList(query);
    });
    if (done)
      setStatus({ kind: "success", text: `Deleted ${count} ${filter === "all" ? "" : `${filter} `}tokens` });
    await refresh();
  };

  const detailToken = overlay.kind === "detail" ? tokens.find((token) => token.id === overlay.id) : undefined;

  const copy = (token: StreamToken | undefined) => {
    if (!token) return;
    copyToClipboard(token.key);
    setStatus({ kind: "success", text: `Copied the key of #${token.id} to the clipboard (OSC 52)` });
  };

  const scrollHelp = (by: number) => {
    if (overlay.kind !== "help") return;
    setOverlay({ kind: "help", offset: clamp(overlay.offset + by, 0, helpScrollLimit(width, height)) });
  };

  const perform = (action: Action) => {
    switch (action) {
      case "quit":
        return onQuit();
      case "up":
        return overlay.kind === "help" ? scrollHelp(-1) : moveTo((from) => from - 1);
      case "down":
        return overlay.kind === "help" ? scrollHelp(1) : moveTo((from) => from + 1);
      case "top":
        return moveTo(() => 0);
      case "bottom":
        return moveTo((_, count) => count - 1);
      case "pageUp":
        return moveTo((from, _, page) => from - page);
      case "pageDown":
        return moveTo((from, _, page) => from + page);
      case "filterAll":
        return switchKind("all");
      case "filterTemporary":
        return switchKind("temporary");
      case "filterPermanent":
        return switchKind("permanent");
      case "startSearch":
        return setOverlay({ kind: "filter" });
      case "endSearch":
        return setOverlay({ kind: "none" });
      case "escape":
        if (overlay.kind === "filter") {
          setText("");
          return setOverlay({ kind: "none" });
        }
        if (status.kind === "error") return setStatus({ kind: "idle" });
        return setText("");
      case "createTemporary":
        return void create(false);
      case "createPermanent":
        return void create(true);
      case "toggleActive":
        return void toggleActive();
      case "delete":
        return selected ? setOverlay({ kind: "confirmDelete", token: selected, focus: "cancel" }) : undefined;
      case "deleteList":
        return askDeleteList();
      case "openDetail":
        return selected ? setOverlay({ kind: "detail", id: selected.id, revealed: false }) : undefined;
      case "reveal":
        return overlay.kind === "detail"
          ? setOverlay({ ...overlay, revealed: !overlay.revealed })
          : undefined;
      case "copy":
        return copy(overlay.kind === "detail" ? detailToken : selected);
      case "refresh":
        return void refresh();
      case "help":
        return setOverlay({ kind: "help", offset: 0 });
      case "closeOverlay":
        return setOverlay({ kind: "none" });
      case "focusNext":
        return overlay.kind === "confirmDelete"
          ? setOverlay({ ...overlay, focus: overlay.focus === "cancel" ? "delete" : "cancel" })
          : undefined;
      case "confirm":
        return confirm();
    }
  };

  const confirm = () => {
    if (overlay.kind === "confirmDelete") {
      setOverlay({ kind: "none" });
      if (overlay.focus === "delete") void deleteOne(overlay.token);
    } else if (overlay.kind === "confirmDeleteList" && overlay.typed === String(overlay.count)) {
      setOverlay({ kind: "none" });
      void deleteList(overlay.filter, overlay.count);
    }
  };

  const type = (input: string, key: Key) => {
    const erase = key.backspace || key.delete;
    if (overlay.kind === "filter") {
      if (erase) setText((current) => current.slice(0, -1));
      else if (!key.ctrl && !key.meta && input) setText((current) => current + input);
    } else if (overlay.kind === "confirmDeleteList") {
      if (erase) setOverlay({ ...overlay, typed: overlay.typed.slice(0, -1) });
      else if (/^[0-9]+$/.test(input)) setOverlay({ ...overlay, typed: overlay.typed + input });
    }
  };

  const tooSmall = width < MIN_COLUMNS || height + 1 < MIN_ROWS;

  const handleKey = (input: string, key: Key) => {
    const action = actionFor(tooSmall ? "list" : scopeOf(overlay), input, key);
    if (tooSmall) {
      if (action === "quit") onQuit();
      return;
    }
    if (action) perform(action);
    else type(input, key);
  };
  // Keys act on what was last drawn, even when Ink has not re-subscribed the handler yet.
  const handleKeyRef = useRef(handleKey);
  handleKeyRef.current = handleKey;
  useInput(useCallback((input: string, key: Key) => handleKeyRef.current(input, key), []));

  if (tooSmall) {
    return (
      <Box width={width} height={height} flexDirection="column">
        <Text wrap="wrap">
          Terminal too small: {width}x{height + 1}. stream-tokens needs at least {MIN_COLUMNS}x{MIN_ROWS}.
          Enlarge the window, or press q to quit.
        </Text>
      </Box>
    );
  }

  if (overlay.kind === "help") return <HelpOverlay width={width} height={height} offset={overlay.offset} />;

  let body: React.ReactNode;
  if (overlay.kind === "detail") {
    body = detailToken ? (
      <DetailPane token={detailToken} revealed={overlay.revealed} width={width} />
    ) : (
      <Text>{fit(`  Token #${overlay.id} no longer exists. Esc goes back.`, width)}</Text>
    );
  } else if (overlay.kind === "confirmDelete") {
    body = <ConfirmDelete token={overlay.token} focus={overlay.focus} width={width} />;
  } else if (overlay.kind === "confirmDeleteList") {
    body = (
      <ConfirmDeleteList
        count={overlay.count}
        filterName={overlay.filter}
        typed={overlay.typed}
        width={width}
      />
    );
  } else {
    const emptyText = lastRefresh === null ? "loading…" : text ? `no token matches "${text}"` : "no tokens";
    body = (
      <TokenTable
        tokens={shown}
        cursor={cursor}
        top={top}
        rows={tableRows}
        width={width}
        emptyText={emptyText}
      />
    );
  }

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header
        server={server}
        width={width}
        kind={kind}
        text={overlay.kind === "filter" ? `${text}▏` : text}
        permanentCount={permanentCount}
        shown={shown.length}
        loaded={tokens.length}
        lastRefresh={lastRefresh}
      />
      <Box flexDirection="column" height={tableRows + 1} overflow="hidden">
        {body}
      </Box>
      <StatusLine status={status} busy={busy} width={width} rows={statusRows} />
      <Footer width={width} />
    </Box>
  );
}
