import type { StreamToken } from "@stream-tokens/api-types";
import { Box, Text } from "ink";
import { maskSecret } from "../core.js";
import { countOf } from "../format.js";
import { useColor } from "./theme.js";
import { type KindFilter, tokenNoun } from "./token-view.js";

export type ConfirmFocus = "cancel" | "delete";

function Button({ label, focused }: { label: string; focused: boolean }) {
  const color = useColor();
  return (
    <Text inverse={color && focused} bold={focused}>
      {focused ? `› ${label} ‹` : `  ${label}  `}
    </Text>
  );
}

/** `d`: delete one token. The focus starts on Cancel. */
export function ConfirmDelete({
  token,
  focus,
  width,
}: {
  token: StreamToken;
  focus: ConfirmFocus;
  width: number;
}) {
  return (
    <Box flexDirection="column" flexShrink={0} borderStyle="double" paddingX={1} width={Math.min(width, 64)}>
      <Text bold>Delete token #{token.id}?</Text>
      <Text>Key {maskSecret(token.key)}. This cannot be undone; clients using it stop working.</Text>
      <Box marginTop={1} gap={2}>
        <Button label="Cancel" focused={focus === "cancel"} />
        <Button label="Delete" focused={focus === "delete"} />
      </Box>
      <Text dimColor>Tab/←/→ switch · enter presses · Esc cancels</Text>
    </Box>
  );
}

interface ConfirmDeleteListProps {
  count: number;
  filter: KindFilter;
  typed: string;
  width: number;
}

/** `D`: delete every token of the current filter, after typing how many there are. */
export function ConfirmDeleteList({ count, filter, typed, width }: ConfirmDeleteListProps) {
  const tokens = countOf(count, tokenNoun(filter));
  return (
    <Box flexDirection="column" flexShrink={0} borderStyle="double" paddingX={1} width={Math.min(width, 64)}>
      <Text bold>Delete all {tokens}?</Text>
      <Text>This deletes them on the server and cannot be undone.</Text>
      <Text>
        Type {count} and press enter: <Text bold>{typed}</Text>
        <Text inverse> </Text>
      </Text>
      <Text dimColor>Esc cancels</Text>
    </Box>
  );
}
