import type { StreamToken } from "@stream-tokens/api-types";
import { TOKEN_HEADINGS, tokenCells } from "../format.js";

/** Tokens as an aligned plain-text table (no colour, no escapes); keys masked unless `showKeys`. */
export function plainTable(
  tokens: readonly StreamToken[],
  options: { showKeys: boolean; now: number },
): string {
  const all: (readonly string[])[] = [TOKEN_HEADINGS, ...tokens.map((token) => tokenCells(token, options))];
  const widths = TOKEN_HEADINGS.map((_, column) => Math.max(...all.map((row) => (row[column] ?? "").length)));
  const lines = all.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
  return `${lines.join("\n")}\n`;
}
