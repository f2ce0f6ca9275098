import type { StreamToken } from "@stream-tokens/api-types";
import { Box, Text } from "ink";
import { isExpired } from "../core.js";
import { detailLines } from "../token-fields.js";
import { useClock } from "./clock.js";
import { fit } from "./text.js";

interface DetailPaneProps {
  token: StreamToken;
  revealed: boolean;
  width: number;
  /** Rows available; below 10 the pane drops its border and title to show every field. */
  rows: number;
}

/** `enter`: every field of one token; the key stays masked until `v`. */
export function DetailPane({ token, revealed, width, rows }: DetailPaneProps) {
  const now = useClock();
  const compact = rows < 10;
  const inner = compact ? width : width - 4;
  const expired = isExpired(token, now);
  const fields = detailLines.map((line): [string, string] => {
    const value = line.value(token, { revealed, now });
    // The bordered pane says EXPIRED in its title; the compact one has no title.
    if (line.label === "id" && expired && compact) return [line.label, `${value}  EXPIRED`];
    if (line.label === "key" && !revealed) return [line.label, `${value}  (v shows it)`];
    return [line.label, value];
  });
  // Its keys (v, c, Esc) are in the footer, which shows the detail view's keys while it is open.
  const lines = fields.map(([name, value]) => (
    <Text key={name}>{fit(`${name.padEnd(8)} ${value}`, inner)}</Text>
  ));
  return (
    <Box
      flexDirection="column"
      flexShrink={0}
      width={width}
      {...(compact ? {} : { borderStyle: "round", paddingX: 1 })}
    >
      {compact ? null : <Text bold>{fit(`Token #${token.id}${expired ? " · EXPIRED" : ""}`, inner)}</Text>}
      {lines}
    </Box>
  );
}
