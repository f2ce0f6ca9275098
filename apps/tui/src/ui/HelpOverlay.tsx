import { Box, Text } from "ink";
import { bindingLabel, keymap, type Scope, scopeTitles } from "./keymap.js";
import { fit } from "./text.js";

/** Where each scope's keys come in the help (every scope has a place: a new one fails the typecheck). */
const scopeOrder: Record<Scope, number> = {
  list: 0,
  filter: 1,
  detail: 2,
  confirm: 3,
  newKey: 4,
  contexts: 5,
  global: 6,
  help: 7,
};
const scopes = (Object.keys(scopeOrder) as Scope[]).sort((a, b) => scopeOrder[a] - scopeOrder[b]);

interface HelpLine {
  text: string;
  title: boolean;
}

const lines: HelpLine[] = scopes.flatMap((scope) => [
  { text: `${scopeTitles[scope]}`, title: true },
  ...keymap
    .filter((binding) => binding.scope === scope)
    .map((binding) => ({
      text: ` ${bindingLabel(binding).padEnd(10)} ${binding.description}`,
      title: false,
    })),
]);

/** The longest help line, and the blank columns between two columns of them. */
const LINE_WIDTH = Math.max(...lines.map((line) => line.text.length));
const GAP = 2;
/** Inside the frame: a border on each side and one blank column before the text. */
const CHROME_COLUMNS = 3;

/** How the help is laid out in a frame: as many whole columns as fit, `rows` lines each. */
function layout(width: number, height: number) {
  const rows = Math.max(1, height - 3);
  const fitting = Math.floor((width - CHROME_COLUMNS + GAP) / (LINE_WIDTH + GAP));
  const columnCount = Math.min(Math.ceil(lines.length / rows), Math.max(1, fitting));
  return { rows, columnCount, capacity: rows * columnCount };
}

/** The furthest the help can scroll in a frame of this size (0 when it all fits). */
export function helpScrollLimit(width: number, height: number): number {
  return Math.max(0, lines.length - layout(width, height).capacity);
}

interface HelpOverlayProps {
  width: number;
  height: number;
  /** Lines scrolled past, on frames too small for all of it. */
  offset: number;
}

/** The `?` overlay, generated from the keymap that handles input. */
export function HelpOverlay({ width, height, offset }: HelpOverlayProps) {
  const { rows, columnCount, capacity } = layout(width, height);
  const visible = lines.slice(offset, offset + capacity);
  const perColumn = Math.min(rows, Math.ceil(visible.length / columnCount));
  const columnWidth = Math.floor((width - CHROME_COLUMNS - GAP * (columnCount - 1)) / columnCount);
  const columns = Array.from({ length: columnCount }, (_, index) =>
    visible.slice(index * perColumn, (index + 1) * perColumn),
  );
  const more = helpScrollLimit(width, height) > 0 ? " · j/k scroll" : "";
  return (
    <Box flexDirection="column" borderStyle="round" width={width} height={height}>
      <Text bold>{fit(` Keys · Esc or ? closes${more}`, width - 2)}</Text>
      <Box flexDirection="row" paddingLeft={1} columnGap={GAP}>
        {columns.map((column, index) => (
          <Box key={column[0]?.text ?? index} flexDirection="column" width={columnWidth}>
            {column.map((line) => (
              <Text key={line.text} bold={line.title}>
                {fit(line.text, columnWidth)}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
