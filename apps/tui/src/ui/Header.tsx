import { Box, Text } from "ink";
import { countOf, formatClock } from "../format.js";
import { fit } from "./text.js";
import { useColor } from "./theme.js";
import { type KindFilter, PERMANENT_LIMIT } from "./token-view.js";

export interface ServerInfo {
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
  permanentCount: number | null;
  shown: number;
  loaded: number;
  lastRefresh: Date | null;
}

/** The first of the texts (longest first) that fits the width; the last one, cut, when none does. */
function longestThatFits(width: number, texts: readonly string[]): string {
  return texts.find((text) => text.length <= width) ?? texts[texts.length - 1] ?? "";
}

export function Header({
  server,
  width,
  kind,
  text,
  permanentCount,
  shown,
  loaded,
  lastRefresh,
}: HeaderProps) {
  const color = useColor();
  const where = server.local ? `local server ${server.url}` : server.url;
  const first = longestThatFits(width, [
    `stream-tokens · ${where} · token ${server.maskedToken}`,
    `${where} · token ${server.maskedToken}`,
    `${server.local ? "local " : ""}${server.url.replace(/^https?:\/\//, "")} · ${server.maskedToken}`,
  ]);
  const filter = `${kind}${text ? ` /${text}` : ""}`;
  const permanent = `permanent ${permanentCount ?? "?"}/${PERMANENT_LIMIT}`;
  const count = text ? `${shown} of ${countOf(loaded, "token")}` : countOf(loaded, "token");
  const clock = lastRefresh ? formatClock(lastRefresh) : "not loaded yet";
  const second = longestThatFits(width, [
    `filter: ${filter} · ${permanent} · ${count} · ${lastRefresh ? "refreshed " : ""}${clock}`,
    `${filter} · ${permanent} · ${count} · ${clock}`,
    `${filter} · ${permanent} · ${text ? `${shown} of ${loaded}` : loaded} · ${clock}`,
  ]);
  return (
    <Box flexDirection="column">
      <Text bold={color}>{fit(first, width)}</Text>
      <Text {...(color ? { color: "cyan" } : {})}>{fit(second, width)}</Text>
    </Box>
  );
}
