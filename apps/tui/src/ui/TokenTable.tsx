import type { StreamToken } from "@stream-tokens/api-types";
import { Box, Text } from "ink";
import { memo, useMemo } from "react";
import { type Column, type ColumnName, tableColumns } from "../token-fields.js";
import { useClock } from "./clock.js";
import type { Sort } from "./state.js";
import { fit } from "./text.js";
import { useColor } from "./theme.js";
import { SOON_MS } from "./view.js";

/** The glyph that marks the selected row, so it is visible without colour. */
const SELECTED_GLYPH = "›";
/** After the id of a marked token. */
const MARKED_GLYPH = "*";
/** Before the expiry of an expired token, and (without colour) of one that expires within the hour. */
const EXPIRED_GLYPH = "✗";
const SOON_GLYPH = "!";

type Placed = Column & { name: ColumnName; size: number };

/** The columns that fit a terminal width, each with its width; the "rest" one takes what is left. */
function columnsFor(width: number): Placed[] {
  const kept = tableColumns.filter((column) => column.dropBelow === undefined || width >= column.dropBelow);
  const fixed = 2 + kept.reduce((sum, column) => sum + (column.width === "rest" ? 0 : column.width), 0);
  return kept.map((column) => ({
    ...column,
    size: column.width === "rest" ? Math.max(8, width - fixed) : column.width,
  }));
}

const arrow = (sort: Sort) => (sort.descending ? "↓" : "↑");

function headerLine(columns: readonly Placed[], sort: Sort): string {
  return `  ${columns
    .map((column) =>
      fit(column.name === sort.column ? `${column.heading} ${arrow(sort)}` : column.heading, column.size),
    )
    .join("")}`;
}

interface RowProps {
  token: StreamToken;
  selected: boolean;
  marked: boolean;
  expiresAt: number;
  columns: readonly Placed[];
  now: number;
}

const Row = memo(function Row({ token, selected, marked, expiresAt, columns, now }: RowProps) {
  const color = useColor();
  const expired = expiresAt <= now;
  const soon = !expired && expiresAt - now <= SOON_MS;
  let leading = selected ? `${SELECTED_GLYPH} ` : "  ";
  let expires = "";
  for (const column of columns) {
    const cell = column.cell(token, { showKeys: false, now });
    if (column.name === "expires") {
      const glyph = expired ? `${EXPIRED_GLYPH} ` : soon && !color ? `${SOON_GLYPH} ` : "";
      expires = fit(`${glyph}${cell}`, column.size);
    } else if (column.name === "id" && marked) leading += fit(`${cell} ${MARKED_GLYPH}`, column.size);
    else leading += fit(cell, column.size);
  }
  const expiresStyle = color
    ? expired
      ? { color: "red" }
      : soon
        ? { color: "yellow" }
        : token.expires === null
          ? { color: "green" }
          : {}
    : {};
  return (
    <Text inverse={color && selected} wrap="truncate-end">
      <Text {...(color && marked ? { color: "magenta", bold: true } : {})}>{leading}</Text>
      <Text {...expiresStyle}>{expires}</Text>
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
  marks: ReadonlySet<number>;
  times: ReadonlyMap<number, number>;
  sort: Sort;
}

/** Only the rows in view are rendered: 10,000 tokens cost what one screenful does. */
export function TokenTable({
  tokens,
  cursor,
  top,
  rows,
  width,
  emptyText,
  marks,
  times,
  sort,
}: TokenTableProps) {
  const now = useClock();
  // The same object while the width holds, so that a key press re-renders only the rows it changes.
  const columns = useMemo(() => columnsFor(width), [width]);
  const visible = tokens.slice(top, top + rows);
  return (
    <Box flexDirection="column" height={rows + 1}>
      <Text bold underline={useColor()}>
        {fit(headerLine(columns, sort), width)}
      </Text>
      {visible.length === 0 ? <Text dimColor>{fit(`  ${emptyText}`, width)}</Text> : null}
      {visible.map((token, index) => (
        <Row
          // Keyed by place, not by token: after a sort or a scroll the same rows show other tokens,
          // rather than every row being unmounted and mounted anew (and laid out from scratch).
          key={index}
          token={token}
          selected={top + index === cursor}
          marked={marks.has(token.id)}
          expiresAt={times.get(token.id) ?? Number.POSITIVE_INFINITY}
          columns={columns}
          now={now}
        />
      ))}
    </Box>
  );
}
