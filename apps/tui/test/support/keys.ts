/** What a terminal sends for each key, as the UI tests and the end-to-end test type them. */
export const keys = {
  up: "\x1b[A",
  down: "\x1b[B",
  left: "\x1b[D",
  right: "\x1b[C",
  pageUp: "\x1b[5~",
  pageDown: "\x1b[6~",
  home: "\x1b[H",
  end: "\x1b[F",
  enter: "\r",
  escape: "\x1b",
  tab: "\t",
  backspace: "\x7f",
  space: " ",
  ctrlC: "\x03",
} as const;
