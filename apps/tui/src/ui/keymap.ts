import type { Key } from "ink";
import { PERMANENT_LIMIT } from "./token-view.js";

/** Where a binding applies: the scope of the screen that has the keyboard. */
export type Scope = "global" | "list" | "filter" | "detail" | "confirm" | "newKey" | "contexts" | "help";

/** Every action a key can trigger; App's handlers are a record over them, so each needs one. */
export const ACTIONS = [
  "quit",
  "up",
  "down",
  "top",
  "bottom",
  "pageUp",
  "pageDown",
  "scrollUp",
  "scrollDown",
  "filterAll",
  "filterTemporary",
  "filterPermanent",
  "startSearch",
  "escape",
  "createTemporary",
  "createPermanent",
  "toggleActive",
  "delete",
  "deleteList",
  "openDetail",
  "reveal",
  "copy",
  "refresh",
  "help",
  "closeOverlay",
  "endSearch",
  "focusNext",
  "confirm",
  "sortNext",
  "sortReverse",
  "mark",
  "markAll",
  "clearMarks",
  "toggleExpired",
  "replace",
  "openContexts",
  "contextUp",
  "contextDown",
  "switchContext",
] as const;
export type Action = (typeof ACTIONS)[number];

type SpecialKey =
  | "upArrow"
  | "downArrow"
  | "leftArrow"
  | "rightArrow"
  | "pageUp"
  | "pageDown"
  | "home"
  | "end"
  | "return"
  | "escape"
  | "tab";

/** One physical key: a character (optionally with ctrl) or a named key. */
export type KeyMatcher = { input: string; ctrl?: true } | { special: SpecialKey };

export interface Binding {
  scope: Scope;
  keys: readonly KeyMatcher[];
  action: Action;
  description: string;
  /**
   * The footer's entry: a word or two, the keys when not the first of `keys`, and a rank (lower
   * first; the footer drops the highest ranks that do not fit, but always keeps rank 0: help, quit).
   * Bindings without it stay out of the footer.
   */
  footer?: { label: string; keys?: string; rank: number };
}

const ch = (input: string): KeyMatcher => ({ input });
const sp = (special: SpecialKey): KeyMatcher => ({ special });

/** The one keymap: input handling and the `?` help overlay are both generated from it. */
const bindings = [
  { scope: "global", keys: [{ input: "c", ctrl: true }], action: "quit", description: "quit, from anywhere" },
  {
    scope: "list",
    keys: [ch("k"), sp("upArrow")],
    action: "up",
    description: "move up",
    footer: { label: "move", keys: "j/k", rank: 1 },
  },
  { scope: "list", keys: [ch("j"), sp("downArrow")], action: "down", description: "move down" },
  { scope: "list", keys: [ch("g"), sp("home")], action: "top", description: "first token" },
  { scope: "list", keys: [ch("G"), sp("end")], action: "bottom", description: "last token" },
  { scope: "list", keys: [sp("pageUp")], action: "pageUp", description: "one page up" },
  { scope: "list", keys: [sp("pageDown")], action: "pageDown", description: "one page down" },
  {
    scope: "list",
    keys: [ch("1")],
    action: "filterAll",
    description: "show all tokens",
    footer: { label: "all/temp/perm", keys: "1/2/3", rank: 13 },
  },
  {
    scope: "list",
    keys: [ch("2")],
    action: "filterTemporary",
    description: "show temporary tokens",
  },
  {
    scope: "list",
    keys: [ch("3")],
    action: "filterPermanent",
    description: "show permanent tokens",
  },
  {
    scope: "list",
    keys: [ch("/")],
    action: "startSearch",
    description: "live filter on id or key",
    footer: { label: "search", rank: 12 },
  },
  { scope: "list", keys: [sp("escape")], action: "escape", description: "dismiss error or filter" },
  {
    scope: "list",
    keys: [ch("n")],
    action: "createTemporary",
    description: "new temporary token",
    footer: { label: "new", rank: 2 },
  },
  {
    scope: "list",
    keys: [ch("p")],
    action: "createPermanent",
    description: `new permanent (max ${PERMANENT_LIMIT})`,
    footer: { label: "perm", rank: 9 },
  },
  {
    scope: "list",
    keys: [ch(" ")],
    action: "toggleActive",
    description: "toggle active (or marked)",
    footer: { label: "toggle", rank: 3 },
  },
  {
    scope: "list",
    keys: [ch("d")],
    action: "delete",
    description: "delete (or the marked)",
    footer: { label: "delete", rank: 4 },
  },
  {
    scope: "list",
    keys: [ch("D")],
    action: "deleteList",
    description: "delete all of this filter",
    footer: { label: "delete all", rank: 10 },
  },
  {
    scope: "list",
    keys: [sp("return")],
    action: "openDetail",
    description: "details of the token",
    footer: { label: "details", rank: 11 },
  },
  {
    scope: "list",
    keys: [ch("c")],
    action: "copy",
    description: "copy the key (OSC 52)",
    footer: { label: "copy", rank: 14 },
  },
  {
    scope: "list",
    keys: [ch("r")],
    action: "refresh",
    description: "refresh (auto every 10s+)",
    footer: { label: "refresh", rank: 15 },
  },
  {
    scope: "list",
    keys: [ch("s")],
    action: "sortNext",
    description: "sort by the next column",
    footer: { label: "sort", rank: 6 },
  },
  { scope: "list", keys: [ch("S")], action: "sortReverse", description: "reverse the sort" },
  {
    scope: "list",
    keys: [ch("m")],
    action: "mark",
    description: "mark / unmark the token",
    footer: { label: "mark", rank: 5 },
  },
  { scope: "list", keys: [ch("M")], action: "markAll", description: "mark every token in view" },
  { scope: "list", keys: [ch("u")], action: "clearMarks", description: "clear the marks" },
  { scope: "list", keys: [ch("x")], action: "toggleExpired", description: "hide / show expired" },
  {
    scope: "list",
    keys: [ch("R")],
    action: "replace",
    description: "replace a leaked key",
    footer: { label: "replace", rank: 8 },
  },
  {
    scope: "list",
    keys: [ch("C")],
    action: "openContexts",
    description: "switch context",
    footer: { label: "context", rank: 7 },
  },
  {
    scope: "list",
    keys: [ch("?")],
    action: "help",
    description: "this help",
    footer: { label: "help", rank: 0 },
  },
  { scope: "list", keys: [ch("q")], action: "quit", description: "quit", footer: { label: "quit", rank: 0 } },
  {
    scope: "filter",
    keys: [sp("return")],
    action: "endSearch",
    description: "keep filter, back to list",
    footer: { label: "keep filter", rank: 0 },
  },
  {
    scope: "filter",
    keys: [sp("escape")],
    action: "escape",
    description: "clear the filter",
    footer: { label: "clear it", rank: 0 },
  },
  {
    scope: "detail",
    keys: [ch("v")],
    action: "reveal",
    description: "show / mask the key",
    footer: { label: "show/mask key", rank: 1 },
  },
  {
    scope: "detail",
    keys: [ch("c")],
    action: "copy",
    description: "copy the key (OSC 52)",
    footer: { label: "copy key", rank: 2 },
  },
  {
    scope: "detail",
    keys: [sp("escape"), sp("return")],
    action: "closeOverlay",
    description: "back to the list",
    footer: { label: "back", rank: 0 },
  },
  {
    scope: "detail",
    keys: [ch("q")],
    action: "quit",
    description: "quit",
    footer: { label: "quit", rank: 0 },
  },
  {
    scope: "confirm",
    keys: [sp("tab"), sp("leftArrow"), sp("rightArrow")],
    action: "focusNext",
    description: "switch the focused button",
  },
  { scope: "confirm", keys: [sp("return")], action: "confirm", description: "press the focused button" },
  { scope: "confirm", keys: [sp("escape")], action: "closeOverlay", description: "cancel" },
  { scope: "newKey", keys: [ch("v")], action: "reveal", description: "show / mask the new key" },
  { scope: "newKey", keys: [ch("c")], action: "copy", description: "copy the new key (OSC 52)" },
  {
    scope: "newKey",
    keys: [sp("tab"), sp("leftArrow"), sp("rightArrow")],
    action: "focusNext",
    description: "switch Keep / Delete",
  },
  { scope: "newKey", keys: [sp("return")], action: "confirm", description: "press the focused button" },
  { scope: "newKey", keys: [sp("escape")], action: "closeOverlay", description: "close (old one kept)" },
  { scope: "contexts", keys: [ch("k"), sp("upArrow")], action: "contextUp", description: "previous context" },
  { scope: "contexts", keys: [ch("j"), sp("downArrow")], action: "contextDown", description: "next context" },
  { scope: "contexts", keys: [sp("return")], action: "switchContext", description: "switch to it" },
  { scope: "contexts", keys: [sp("escape")], action: "closeOverlay", description: "stay where you are" },
  {
    scope: "help",
    keys: [ch("j"), sp("downArrow")],
    action: "scrollDown",
    description: "scroll down",
  },
  { scope: "help", keys: [ch("k"), sp("upArrow")], action: "scrollUp", description: "scroll up" },
  {
    scope: "help",
    keys: [sp("escape"), ch("?"), ch("q")],
    action: "closeOverlay",
    description: "close the help",
  },
] as const satisfies readonly Binding[];

export const keymap: readonly Binding[] = bindings;

/** Fails the typecheck when an action has no key: the list above must bind every one of ACTIONS. */
type Unbound = Exclude<Action, (typeof bindings)[number]["action"]>;
export const everyActionIsBound: [Unbound] extends [never] ? true : Unbound = true;

const specialNames: Record<SpecialKey, string> = {
  upArrow: "↑",
  downArrow: "↓",
  leftArrow: "←",
  rightArrow: "→",
  pageUp: "PgUp",
  pageDown: "PgDn",
  home: "Home",
  end: "End",
  return: "enter",
  escape: "Esc",
  tab: "Tab",
};

export function keyName(matcher: KeyMatcher): string {
  if ("special" in matcher) return specialNames[matcher.special];
  if (matcher.ctrl) return `ctrl-${matcher.input}`;
  return matcher.input === " " ? "space" : matcher.input;
}

export const bindingLabel = (binding: Binding): string => binding.keys.map(keyName).join("/");

function matches(matcher: KeyMatcher, input: string, key: Key): boolean {
  if ("special" in matcher) return key[matcher.special];
  if (matcher.ctrl) return key.ctrl && input === matcher.input;
  return !key.ctrl && !key.meta && input === matcher.input;
}

/** The action bound to a key press in a scope; global bindings win over every scope. */
export function actionFor(scope: Scope, input: string, key: Key): Action | undefined {
  for (const wanted of ["global", scope] as const) {
    const binding = keymap.find(
      (candidate) =>
        candidate.scope === wanted && candidate.keys.some((matcher) => matches(matcher, input, key)),
    );
    if (binding) return binding.action;
  }
  return undefined;
}

export const scopeTitles: Record<Scope, string> = {
  global: "Everywhere",
  list: "Token list",
  filter: "Typing a filter",
  detail: "Detail pane",
  confirm: "Dialogs",
  newKey: "A replacement's new key",
  contexts: "Context switcher",
  help: "This help",
};
