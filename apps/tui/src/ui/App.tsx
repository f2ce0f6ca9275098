import type { StreamToken } from "@stream-tokens/api-types";
import { Box, type Key, Text } from "ink";
import { useMemo, useRef, useState } from "react";
import { maskSecret } from "../core.js";
import type { TokenService } from "../token-service.js";
import { DetailPane } from "./DetailPane.js";
import { ConfirmDelete, ConfirmDeleteList, type ConfirmFocus } from "./Dialogs.js";
import { Footer } from "./Footer.js";
import { Header, type ServerInfo } from "./Header.js";
import { HelpOverlay, helpScrollLimit } from "./HelpOverlay.js";
import { type Action, actionFor, type Scope } from "./keymap.js";
import { StatusLine, statusHeight } from "./StatusLine.js";
import { TokenTable } from "./TokenTable.js";
import { fit } from "./text.js";
import { clamp, type KindFilter, matchText, scrollFor, tokenNoun, withPendingToggles } from "./token-view.js";
import { useKeyPresses } from "./use-key-presses.js";
import { useTokenStore } from "./use-token-store.js";

const MIN_COLUMNS = 60;
const MIN_ROWS = 12;

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
  const [text, setText] = useState("");
  const [overlay, setOverlay] = useState<Overlay>({ kind: "none" });
  const [selection, setSelection] = useState<Selection>({ id: null, index: 0 });
  const store = useTokenStore(service, {
    refreshIntervalMs,
    successFadeMs,
    paused: pausesRefresh(overlay),
  });
  const { tokens, pending, kind, status, busy, setStatus } = store;

  const shown = useMemo(() => matchText(withPendingToggles(tokens, pending), text), [tokens, pending, text]);
  const foundIndex = selection.id === null ? -1 : shown.findIndex((token) => token.id === selection.id);
  const cursor =
    shown.length === 0 ? 0 : foundIndex >= 0 ? foundIndex : clamp(selection.index, 0, shown.length - 1);
  const selected: StreamToken | undefined = shown[cursor];
  const statusRows = statusHeight(status, busy, width);
  const tableRows = Math.max(1, height - CHROME_ROWS - statusRows);
  const topRef = useRef(0);
  const top = scrollFor(topRef.current, cursor, tableRows, shown.length);
  topRef.current = top;

  const moveTo = (target: (cursor: number, count: number, page: number) => number) => {
    const index = clamp(target(cursor, shown.length, tableRows), 0, Math.max(0, shown.length - 1));
    setSelection({ id: shown[index]?.id ?? null, index });
  };

  const create = async (permanent: boolean) => {
    const created = await store.create(permanent);
    if (created) setSelection({ id: created.id, index: 0 });
  };

  const askDeleteList = () => {
    const hidden = tokens.length - shown.length;
    if (hidden > 0) {
      setStatus({
        kind: "error",
        text: `D deletes every ${tokenNoun(kind)}, but the / filter hides ${hidden}. Esc clears it first.`,
      });
      return;
    }
    if (tokens.length === 0) {
      setStatus({ kind: "success", text: "Nothing to delete" });
      return;
    }
    setOverlay({ kind: "confirmDeleteList", count: tokens.length, filter: kind, typed: "" });
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
        return moveTo((from) => from - 1);
      case "down":
        return moveTo((from) => from + 1);
      case "scrollUp":
        return scrollHelp(-1);
      case "scrollDown":
        return scrollHelp(1);
      case "top":
        return moveTo(() => 0);
      case "bottom":
        return moveTo((_, count) => count - 1);
      case "pageUp":
        return moveTo((from, _, page) => from - page);
      case "pageDown":
        return moveTo((from, _, page) => from + page);
      case "filterAll":
        return store.switchKind("all");
      case "filterTemporary":
        return store.switchKind("temporary");
      case "filterPermanent":
        return store.switchKind("permanent");
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
        return selected ? void store.toggleActive(selected) : undefined;
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
        return void store.refresh();
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
      if (overlay.focus === "delete") void store.deleteOne(overlay.token);
    } else if (overlay.kind === "confirmDeleteList" && overlay.typed === String(overlay.count)) {
      setOverlay({ kind: "none" });
      void store.deleteList(overlay.filter, overlay.count);
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

  // A whole key pasted into the filter is a secret on screen: show it masked, like the table does.
  const shownFilter = text.length >= 16 ? maskSecret(text) : text;
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
  useKeyPresses(handleKey);

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
      <DetailPane token={detailToken} revealed={overlay.revealed} width={width} rows={tableRows + 1} />
    ) : (
      <Text>{fit(`  Token #${overlay.id} no longer exists. Esc goes back.`, width)}</Text>
    );
  } else if (overlay.kind === "confirmDelete") {
    body = <ConfirmDelete token={overlay.token} focus={overlay.focus} width={width} />;
  } else if (overlay.kind === "confirmDeleteList") {
    body = (
      <ConfirmDeleteList count={overlay.count} filter={overlay.filter} typed={overlay.typed} width={width} />
    );
  } else {
    const emptyText =
      store.lastRefresh === null ? "loading…" : text ? `no token matches "${shownFilter}"` : "no tokens";
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
        text={overlay.kind === "filter" ? `${shownFilter}▏` : shownFilter}
        permanentCount={store.permanentCount}
        shown={shown.length}
        loaded={tokens.length}
        lastRefresh={store.lastRefresh}
      />
      <Box flexDirection="column" height={tableRows + 1} overflow="hidden">
        {body}
      </Box>
      <StatusLine status={status} busy={busy} width={width} />
      <Footer width={width} />
    </Box>
  );
}
