import { Text } from "ink";
import { keymap, keyName } from "./keymap.js";
import { fit } from "./text.js";

const items = keymap
  .filter((binding) => binding.scope === "list" && binding.footer !== undefined)
  .map((binding) => {
    const first = binding.keys[0];
    const keys = binding.footerKeys ?? (first ? keyName(first) : "");
    return `${keys} ${binding.footer}`;
  });

/** The main keys, from the keymap, as many as fit. */
export function Footer({ width }: { width: number }) {
  let line = "";
  for (const item of items) {
    const next = line ? `${line}  ${item}` : item;
    if (next.length > width) break;
    line = next;
  }
  return <Text dimColor>{fit(line, width)}</Text>;
}
