import { Box, Text } from "ink";
import { bindingLabel, keymap, type Scope, scopeTitles } from "./keymap.js";
import { fit } from "./text.js";

const scopes: Scope[] = ["list", "filter", "detail", "confirm", "global", "help"];

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

/** The `?` overlay, generated from the keymap that handles input; two columns when there is room. */
export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const rows = Math.max(1, height - 3);
  const columnCount = Math.min(Math.ceil(lines.length / rows), Math.max(1, Math.floor((width - 2) / 38)));
  const perColumn = Math.ceil(lines.length / columnCount);
  const columnWidth = Math.floor((width - 4) / columnCount);
  const columns = Array.from({ length: columnCount }, (_, index) =>
    lines.slice(index * perColumn, (index + 1) * perColumn),
  );
  return (
    <Box flexDirection="column" borderStyle="round" width={width} height={height}>
      <Text bold>{fit(" Keys · Esc or ? closes", width - 2)}</Text>
      <Box flexDirection="row">
        {columns.map((column, index) => (
          <Box key={index} flexDirection="column" width={columnWidth}>
            {column.slice(0, rows).map((line) => (
              <Text key={line.text} bold={line.title}>
                {fit(line.text, columnWidth - 1)}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
