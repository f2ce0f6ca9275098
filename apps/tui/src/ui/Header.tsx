import { Box, Text } from "ink";
import { useMemo } from "react";
import { countOf, formatClock } from "../format.js";
import { useClock } from "./clock.js";
import type { Sort } from "./state.js";
import { fit } from "./text.js";
import { useColor } from "./theme.js";
import { type KindFilter, PERMANENT_LIMIT } from "./token-view.js";
import { countExpiry } from "./view.js";

export interface ServerInfo {
  /** The context's name (`local` for the server that `pnpm start` runs in-process). */
  context: string;
  /** The base URL of the API. */
  url: string;
  /** True for the server that `pnpm start` runs in-process. */
  local: boolean;
  /** The api token, already masked. */
  maskedToken: string;
}

interface HeaderProps {
  server: ServerInfo;
  width: number;
  kind: KindFilter;
  text: string;
  sort: Sort;
  permanentCount: number | null;
  shown: number;
  loaded: number;
  marked: number;
  hideExpired: boolean;
  times: ReadonlyMap<number, number>;
  lastRefresh: Date | null;
}

/** The first of the texts (longest first) that fits the width; the last one, cut, when none does. */
function longestThatFits(width: number, texts: readonly string[]): string {
  return texts.find((text) => text.length <= width) ?? texts[texts.length - 1] ?? "";
}

const join = (parts: readonly (string | false)[]): string => parts.filter(Boolean).join(" · ");

export function Header({
  server,
  width,
  kind,
  text,
  sort,
  permanentCount,
  shown,
  loaded,
  marked,
  hideExpired,
  times,
  lastRefresh,
}: HeaderProps) {
  const color = useColor();
  const now = useClock();
  const where = server.local ? `local server ${server.url}` : server.url;
  const context = `[${server.context}]`;
  const first = longestThatFits(width, [
    `stream-tokens · ${context} ${where} · token ${server.maskedToken}`,
    `${context} ${where} · token ${server.maskedToken}`,
    `${context} ${server.url.replace(/^https?:\/\//, "")} · token ${server.maskedToken}`,
    `${context} ${server.url.replace(/^https?:\/\//, "")} · ${server.maskedToken}`,
    `${context} ${server.url.replace(/^https?:\/\//, "")}`,
  ]);
  const filter = `${kind}${text ? ` /${text}` : ""}`;
  const sorted =
    sort.column === null
      ? sort.descending
        ? "oldest first"
        : ""
      : `${sort.column} ${sort.descending ? "↓" : "↑"}`;
  const permanent = `permanent ${permanentCount ?? "?"}/${PERMANENT_LIMIT}`;
  const count = text || hideExpired ? `${shown} of ${countOf(loaded, "token")}` : countOf(loaded, "token");
  const { soon, expired } = useMemo(() => countExpiry(times, now), [times, now]);
  const expiry = join([
    soon > 0 && `${soon} expiring <1h`,
    (expired > 0 || hideExpired) && `${expired} expired${hideExpired ? " (hidden)" : ""}`,
  ]);
  const clock = lastRefresh ? formatClock(lastRefresh) : "not loaded yet";
  const markedText = marked > 0 && `${marked} marked`;
  const second = longestThatFits(width, [
    join([
      `filter: ${filter}`,
      sorted && `sort: ${sorted}`,
      permanent,
      count,
      markedText,
      expiry,
      `${lastRefresh ? "refreshed " : ""}${clock}`,
    ]),
    join([filter, sorted, permanent, count, markedText, expiry, clock]),
    join([filter, sorted, `perm ${permanentCount ?? "?"}/${PERMANENT_LIMIT}`, count, markedText, expiry]),
    join([filter, sorted, count, markedText, expiry]),
  ]);
  return (
    <Box flexDirection="column">
      <Text bold={color}>{fit(first, width)}</Text>
      <Text {...(color ? { color: "cyan" } : {})}>{fit(second, width)}</Text>
    </Box>
  );
}
