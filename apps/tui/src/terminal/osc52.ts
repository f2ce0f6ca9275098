/** The OSC 52 sequence that asks the terminal to put `text` on the system clipboard. */
export const osc52 = (text: string): string =>
  `\x1b]52;c;${Buffer.from(text, "utf8").toString("base64")}\x07`;
