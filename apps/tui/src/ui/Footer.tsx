import { Text } from "ink";
import { keymap, keyName, type Scope } from "./keymap.js";
import { fit } from "./text.js";

interface FooterItem {
  text: string;
  rank: number;
  order: number;
}

/** The footer's entries of each scope that has any, from the keymap. */
const itemsByScope = new Map<Scope, FooterItem[]>();
keymap.forEach((binding, order) => {
  if (binding.footer === undefined) return;
  const first = binding.keys[0];
  const keys = binding.footer.keys ?? (first ? keyName(first) : "");
  const items = itemsByScope.get(binding.scope) ?? [];
  items.push({ text: `${keys} ${binding.footer.label}`, rank: binding.footer.rank, order });
  itemsByScope.set(binding.scope, items);
});

/**
 * The main keys of the screen that has the keyboard, from the keymap: as many as fit, by rank, the
 * rank-0 keys (help, back, quit) always at the end. Dialogs state their keys inside themselves, so
 * under one the footer is empty rather than naming the list's keys, which do nothing there.
 */
export function Footer({ width, scope }: { width: number; scope: Scope }) {
  const items = itemsByScope.get(scope) ?? [];
  const always = items.filter((item) => item.rank === 0);
  const tail = always.map((item) => item.text).join("  ");
  let room = width - tail.length - 2;
  const chosen = new Set<FooterItem>();
  for (const item of items.filter((each) => each.rank > 0).sort((a, b) => a.rank - b.rank)) {
    if (item.text.length + 2 > room) break;
    chosen.add(item);
    room -= item.text.length + 2;
  }
  const shown = items.filter((item) => chosen.has(item)).map((item) => item.text);
  return <Text dimColor>{fit([...shown, tail].join("  "), width)}</Text>;
}
