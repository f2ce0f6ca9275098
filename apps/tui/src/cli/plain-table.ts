import type { StreamToken } from "@stream-tokens/api-types";
import { type CellOptions, tableColumns } from "../token-fields.js";

/** Tokens as an aligned plain-text table (no colour, no escapes); keys masked unless `showKeys`. */
export function plainTable(tokens: readonly StreamToken[], options: CellOptions): string {
  const all: (readonly string[])[] = [
    tableColumns.map((column) => column.heading),
    ...tokens.map((token) => tableColumns.map((column) => column.cell(token, options))),
  ];
  const widths = tableColumns.map((_, column) => Math.max(...all.map((row) => (row[column] ?? "").length)));
  const lines = all.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
  return `${lines.join("\n")}\n`;
}
