import type { StreamToken } from "@stream-tokens/api-types";
import { Box, Text } from "ink";
import { memo, useMemo } from "react";
import { isExpired, isPermanent } from "../core.js";
import { TOKEN_HEADINGS, type TokenCells, tokenCells } from "../format.js";
import { fit } from "./text.js";
import { useColor } from "./theme.js";
import { useNow } from "./use-now.js";

/** The glyph that marks the selected row, so it is visible without colour. */
const SELECTED_GLYPH = "›";

interface Columns {
  id: number;
  key: number;
  kind: number;
  active: number;
  created: number;
  expires: number;
}

/** Column widths for a terminal width; `created` is dropped below 78 columns (it fits in 80). */
function columnsFor(width: number): Columns {
  const created = width >= 78 ? 17 : 0;
  const fixed = 2 + 8 + 16 + 10 + 7 + created;
  return { id: 8, key: 16, kind: 10, active: 7, created, expires: Math.max(8, width - fixed) };
}

/** The cells before EXPIRES (which rows colour apart), each fitted to its column. */
function leadingCells([id, key, kind, active, created]: TokenCells, columns: Columns): string {
  return (
    fit(id, columns.id) +
    fit(key, columns.key) +
    fit(kind, columns.kind) +
    fit(active, columns.active) +
    (columns.created ? fit(created, columns.created) : "")
  );
}

const headerLine = (columns: Columns): string =>
  `  ${leadingCells(TOKEN_HEADINGS, columns)}${fit(TOKEN_HEADINGS[5], columns.expires)}`;

interface RowProps {
  token: StreamToken;
  selected: boolean;
  columns: Columns;
  now: number;
}

const Row = memo(function Row({ token, selected, columns, now }: RowProps) {
  const color = useColor();
  const expired = isExpired(token, now);
  const cells = tokenCells(token, { showKeys: false, now });
  const expires = `${expired ? "✗ " : ""}${cells[5]}`;
  const line = (selected ? `${SELECTED_GLYPH} ` : "  ") + leadingCells(cells, columns);
  const expiresStyle = color
    ? expired
      ? { color: "red" }
      : isPermanent(token)
        ? { color: "green" }
        : {}
    : {};
  return (
    <Text inverse={color && selected} wrap="truncate-end">
      {line}
      <Text {...expiresStyle}>{fit(expires, columns.expires)}</Text>
    </Text>
  );
});

interface TokenTableProps {
  tokens: readonly StreamToken[];
  cursor: number;
  top: number;
  rows: number;
  width: number;
  emptyText: string;
}

/** Only the rows in view are rendered: 10,000 tokens cost what one screenful does. */
export function TokenTable({ tokens, cursor, top, rows, width, emptyText }: TokenTableProps) {
  const now = useNow(1000);
  // The same object while the width holds, so that a key press re-renders only the rows it changes.
  const columns = useMemo(() => columnsFor(width), [width]);
  const visible = tokens.slice(top, top + rows);
  return (
    <Box flexDirection="column" height={rows + 1}>
      <Text bold underline={useColor()}>
        {fit(headerLine(columns), width)}
      </Text>
      {visible.length === 0 ? <Text dimColor>{fit(`  ${emptyText}`, width)}</Text> : null}
      {visible.map((token, index) => (
        <Row key={token.id} token={token} selected={top + index === cursor} columns={columns} now={now} />
      ))}
    </Box>
  );
}
