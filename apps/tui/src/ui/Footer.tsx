import { Text } from "ink";
import { keymap, keyName } from "./keymap.js";
import { fit } from "./text.js";

interface FooterItem {
  text: string;
  rank: number;
  order: number;
}

const items: FooterItem[] = keymap.flatMap((binding, order) => {
  if (binding.scope !== "list" || binding.footer === undefined) return [];
  const first = binding.keys[0];
  const keys = binding.footer.keys ?? (first ? keyName(first) : "");
  return [{ text: `${keys} ${binding.footer.label}`, rank: binding.footer.rank, order }];
});

/** The main keys, from the keymap: as many as fit, by rank, help and quit always at the end. */
export function Footer({ width }: { width: number }) {
  const always = items.filter((item) => item.rank === 0);
  const tail = always.map((item) => item.text).join("  ");
  let room = width - tail.length - 2;
  const chosen = new Set<FooterItem>();
  for (const item of [...items].filter((each) => each.rank > 0).sort((a, b) => a.rank - b.rank)) {
    if (item.text.length + 2 > room) break;
    chosen.add(item);
    room -= item.text.length + 2;
  }
  const shown = items.filter((item) => chosen.has(item)).map((item) => item.text);
  return <Text dimColor>{fit([...shown, tail].join("  "), width)}</Text>;
}
