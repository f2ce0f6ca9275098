import type { StreamToken } from "@stream-tokens/api-types";
import { Box, type Key, Text } from "ink";
import { type ReactNode, useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import { maskSecret } from "../core.js";
import type { TokenService } from "../token-service.js";
import { type ActionContext, actionHandlers, type ContextChoice, type View } from "./actions.js";
import { Clock } from "./clock.js";
import { DetailPane } from "./DetailPane.js";
import { Confirm, ConfirmDeleteList, ContextSwitcher, NewKey } from "./Dialogs.js";
import { Footer } from "./Footer.js";
import { Header, type ServerInfo } from "./Header.js";
import { HelpOverlay, helpScrollLimit } from "./HelpOverlay.js";
import { actionFor, type Scope } from "./keymap.js";
import { describeJob, errorStatus } from "./messages.js";
import { StatusLine, statusHeight } from "./StatusLine.js";
import { initialUiState, type Overlay, reduce, type UiState } from "./state.js";
import { TokenTable } from "./TokenTable.js";
import { fit } from "./text.js";
import { clamp, scrollFor } from "./token-view.js";
import { useJobs } from "./use-jobs.js";
import { useKeyPresses } from "./use-key-presses.js";
import { useNow } from "./use-now.js";
import { useTokenList } from "./use-token-list.js";
import { expiryTimes, TokenOrders, visibleTokens } from "./view.js";

const MIN_COLUMNS = 60;
const MIN_ROWS = 12;

/** Rows of the frame that are not token rows, besides the status: header (2), table header, footer. */
const CHROME_ROWS = 4;

/** Which keymap scope each overlay puts the keyboard in. */
const scopes: Record<Overlay["kind"], Scope> = {
  none: "list",
  filter: "filter",
  help: "help",
  detail: "detail",
  confirm: "confirm",
  confirmDeleteList: "confirm",
  newKey: "newKey",
  contexts: "contexts",
};

/** During a replacement, which keys are live (the status line says it while nothing else is said). */
function liveNote(overlay: Overlay): string | undefined {
  if (overlay.kind === "newKey") {
    return overlay.old
      ? `Live: #${overlay.old.id} and #${overlay.fresh.id} (the new one)`
      : `Live: #${overlay.fresh.id} only`;
  }
  if (overlay.kind === "confirm" && overlay.question.kind === "replaceAtLimit") {
    return `Live: #${overlay.question.token.id} (nothing changed yet)`;
  }
  return undefined;
}

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
  /** The contexts `C` switches between; without it `C` says how to add one. */
  contexts?: ContextChoice | undefined;
  refreshIntervalMs?: number;
  successFadeMs?: number;
}

/** Text typed into the `/` filter or the count of the D dialog (keys that are no action there). */
function typed(state: UiState, input: string, key: Key): UiState["overlay"] | string | undefined {
  const erase = key.backspace || key.delete;
  const overlay = state.overlay;
  if (overlay.kind === "filter") {
    if (erase) return state.text.slice(0, -1);
    if (!key.ctrl && !key.meta && input) return state.text + input;
  } else if (overlay.kind === "confirmDeleteList") {
    if (erase) return { ...overlay, typed: overlay.typed.slice(0, -1) };
    if (/^[0-9]+$/.test(input)) return { ...overlay, typed: overlay.typed + input };
  }
  return undefined;
}

export function App({
  service,
  server,
  width,
  height,
  onQuit,
  copyToClipboard,
  contexts,
  refreshIntervalMs = 10_000,
  successFadeMs = 4_000,
}: AppProps) {
  const [state, dispatch] = useReducer(reduce, initialUiState);
  const onError = useCallback(
    (error: unknown) => dispatch({ type: "setStatus", status: errorStatus(error) }),
    [],
  );
  const jobs = useJobs(onError);
  const list = useTokenList(service, jobs, { refreshIntervalMs, paused: pausesRefresh(state.overlay) });
  const now = useNow(state.hideExpired ? 1000 : 3_600_000);

  const { status } = state;
  useEffect(() => {
    if (status.kind !== "success") return;
    const timer = setTimeout(() => dispatch({ type: "setStatus", status: { kind: "idle" } }), successFadeMs);
    return () => clearTimeout(timer);
  }, [status, successFadeMs]);

  const times = useMemo(() => expiryTimes(list.tokens), [list.tokens]);
  const orders = useMemo(() => new TokenOrders(list.tokens), [list.tokens]);
  useEffect(() => {
    // After the frame that shows a new list: its sort keys (two dates per token) are read then.
    const timer = setTimeout(() => orders.readKeys(), 50);
    return () => clearTimeout(timer);
  }, [orders]);
  const ordered = useMemo(() => orders.sorted(state.sort), [orders, state.sort]);
  const shown = useMemo(
    () =>
      visibleTokens({
        tokens: ordered,
        pending: state.pending,
        text: state.text,
        hideExpired: state.hideExpired,
        times,
        now,
      }),
    [ordered, state.pending, state.text, state.hideExpired, times, now],
  );
  const { selection } = state;
  const foundIndex = selection.id === null ? -1 : shown.findIndex((token) => token.id === selection.id);
  const cursor =
    shown.length === 0 ? 0 : foundIndex >= 0 ? foundIndex : clamp(selection.index, 0, shown.length - 1);
  const busy = jobs.running.map(describeJob).join(", ");
  const statusRows = statusHeight(status, busy, width);
  const tableRows = Math.max(1, height - CHROME_ROWS - statusRows);
  const topRef = useRef(0);
  const top = scrollFor(topRef.current, cursor, tableRows, shown.length);
  topRef.current = top;
  const overlay = state.overlay;
  const detailToken: StreamToken | undefined =
    overlay.kind === "detail" ? list.tokens.find((token) => token.id === overlay.id) : undefined;

  const view: View = {
    shown,
    cursor,
    selected: shown[cursor],
    tableRows,
    detailToken,
    helpScrollLimit: helpScrollLimit(width, height),
  };
  const context: ActionContext = {
    state,
    view,
    dispatch,
    list,
    jobs,
    service,
    quit: onQuit,
    copyToClipboard,
    contexts,
  };

  // A whole key pasted into the filter is a secret on screen: show it masked, like the table does.
  const shownFilter = state.text.length >= 16 ? maskSecret(state.text) : state.text;
  const tooSmall = width < MIN_COLUMNS || height + 1 < MIN_ROWS;

  useKeyPresses((input: string, key: Key) => {
    const action = actionFor(tooSmall ? "list" : scopes[overlay.kind], input, key);
    if (tooSmall) {
      if (action === "quit") onQuit();
      return;
    }
    if (action) return actionHandlers[action](context);
    const text = typed(state, input, key);
    if (typeof text === "string") dispatch({ type: "setText", text });
    else if (text) dispatch({ type: "open", overlay: text });
  });

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

  const table = () => {
    const emptyText =
      list.lastRefresh === null ? "loading…" : state.text ? `no token matches "${shownFilter}"` : "no tokens";
    return (
      <TokenTable
        tokens={shown}
        cursor={cursor}
        top={top}
        rows={tableRows}
        width={width}
        emptyText={emptyText}
        marks={state.marks}
        times={times}
        sort={state.sort}
      />
    );
  };
  const bodies: { [K in Overlay["kind"]]: (overlay: Extract<Overlay, { kind: K }>) => ReactNode } = {
    none: table,
    filter: table,
    help: table,
    detail: ({ id, revealed }) =>
      detailToken ? (
        <DetailPane token={detailToken} revealed={revealed} width={width} rows={tableRows + 1} />
      ) : (
        <Text>{fit(`  Token #${id} no longer exists. Esc goes back.`, width)}</Text>
      ),
    confirm: ({ question, focus }) => <Confirm question={question} focus={focus} width={width} />,
    confirmDeleteList: ({ count, filter, typed: digits }) => (
      <ConfirmDeleteList count={count} filter={filter} typed={digits} width={width} />
    ),
    newKey: ({ fresh, old, revealed, focus }) => (
      <NewKey fresh={fresh} old={old} revealed={revealed} focus={focus} width={width} />
    ),
    contexts: ({ index }) => (
      <ContextSwitcher
        names={contexts?.names ?? []}
        current={contexts?.current ?? server.context}
        index={index}
        width={width}
      />
    ),
  };
  const body = (bodies[overlay.kind] as (overlay: Overlay) => ReactNode)(overlay);
  // The table's rows are fitted to the width already. Clipping them sideways as well would make Ink
  // measure and slice every row of every frame, a third of the time a key press takes to draw.
  const showsTable = overlay.kind === "none" || overlay.kind === "filter";

  return (
    <Clock>
      <Box flexDirection="column" width={width} height={height}>
        <Header
          server={server}
          width={width}
          kind={list.kind}
          text={overlay.kind === "filter" ? `${shownFilter}▏` : shownFilter}
          sort={state.sort}
          permanentCount={list.permanentCount}
          shown={shown.length}
          loaded={list.tokens.length}
          marked={state.marks.size}
          hideExpired={state.hideExpired}
          times={times}
          lastRefresh={list.lastRefresh}
        />
        <Box
          flexDirection="column"
          height={tableRows + 1}
          {...(showsTable ? { overflowY: "hidden" } : { overflow: "hidden" })}
        >
          {body}
        </Box>
        <StatusLine status={status} busy={busy} width={width} note={liveNote(overlay)} />
        <Footer width={width} scope={tooSmall ? "list" : scopes[overlay.kind]} />
      </Box>
    </Clock>
  );
}
