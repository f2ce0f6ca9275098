import { Box, Text } from "ink";
import { formatClock } from "../format.js";
import { fit } from "./text.js";
import { useColor } from "./theme.js";
import type { KindFilter } from "./token-view.js";

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
  const first = `stream-tokens · ${where} · token ${server.maskedToken}`;
  const filter = `filter: ${kind}${text ? ` /${text}` : ""}`;
  const permanent = `permanent ${permanentCount ?? "?"}/5`;
  const count = text ? `${shown} of ${loaded} tokens` : `${loaded} tokens`;
  const refreshed = lastRefresh ? `refreshed ${formatClock(lastRefresh)}` : "not loaded yet";
  const second = `${filter} · ${permanent} · ${count} · ${refreshed}`;
  return (
    <Box flexDirection="column">
      <Text bold={color}>{fit(first, width)}</Text>
      <Text {...(color ? { color: "cyan" } : {})}>{fit(second, width)}</Text>
    </Box>
  );
}
