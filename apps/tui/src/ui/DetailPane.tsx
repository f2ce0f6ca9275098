import type { StreamToken } from "@stream-tokens/api-types";
import { Box, Text } from "ink";
import { isExpired } from "../core.js";
import { displayKey, formatExpires, kindOf } from "../format.js";
import { useNow } from "./use-now.js";

/** `enter`: every field of one token; the key stays masked until `v`. */
export function DetailPane({
  token,
  revealed,
  width,
}: {
  token: StreamToken;
  revealed: boolean;
  width: number;
}) {
  const now = useNow(1000);
  const rows: [string, string][] = [
    ["id", String(token.id)],
    ["key", `${displayKey(token, revealed)}${revealed ? "" : "  (v shows it)"}`],
    ["kind", kindOf(token)],
    ["active", token.is_active ? "yes" : "no"],
    ["created", token.created],
    [
      "expires",
      token.expires === null ? "never (permanent)" : `${token.expires} (${formatExpires(token, now)})`,
    ],
  ];
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={width}>
      <Text bold>
        Token #{token.id}
        {isExpired(token, now) ? " · EXPIRED" : ""}
      </Text>
      {rows.map(([name, value]) => (
        <Text key={name} wrap="wrap">
          {name.padEnd(8)} {value}
        </Text>
      ))}
      <Text dimColor>v show/mask key · c copy key · Esc back</Text>
    </Box>
  );
}
