import xtermHeadless from "@xterm/headless";
import { type IPty, spawn } from "node-pty";
import { expect } from "vitest";
import { CLI } from "./cli.js";

const { Terminal } = xtermHeadless;

export interface PtyApp {
  /** Every byte the app wrote, escapes included. */
  raw(): string;
  /** The screen as the terminal shows it now, one string per row. */
  screen(): string[];
  text(): string;
  type(...sequence: string[]): Promise<void>;
  waitFor(predicate: (text: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  resize(columns: number, rows: number): void;
  /** Which buffer the terminal shows: "alternate" while the UI runs, "normal" after. */
  buffer(): string;
  cursorHidden(): boolean;
  /** Waits until the app has written nothing for 150 ms and the terminal has parsed all it wrote. */
  settle(): Promise<void>;
  exited: Promise<{ exitCode: number; signal?: number }>;
  /** Resolves as `exited` does, or rejects when the app still runs after `ms`. */
  exitWithin(ms: number): Promise<{ exitCode: number; signal?: number }>;
  pty: IPty;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a script (default: the built CLI) in a real pseudo-terminal read by a headless xterm. */
export function startPty(
  env: Record<string, string>,
  options: { columns?: number; rows?: number; script?: string; args?: string[] } = {},
): PtyApp {
  const columns = options.columns ?? 80;
  const rows = options.rows ?? 24;
  const terminal = new Terminal({ cols: columns, rows, allowProposedApi: true });
  let raw = "";
  let lastDataAt = Date.now();
  let cursorHidden = false;
  const pty = spawn(process.execPath, [options.script ?? CLI, ...(options.args ?? [])], {
    name: "xterm-256color",
    cols: columns,
    rows,
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? "", HOME: env.HOME ?? "/nonexistent", TERM: "xterm-256color", ...env },
  });
  pty.onData((data) => {
    raw += data;
    lastDataAt = Date.now();
    terminal.write(data);
    const lastShow = raw.lastIndexOf("\x1b[?25h");
    const lastHide = raw.lastIndexOf("\x1b[?25l");
    cursorHidden = lastHide > lastShow;
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => pty.onExit(resolve));
  const screen = () => {
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < terminal.rows; row++) {
      lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? "");
    }
    return lines;
  };
  // xterm parses writes asynchronously; an empty write with a callback waits for what came before.
  const settled = () => new Promise<void>((resolve) => terminal.write("", resolve));
  const app: PtyApp = {
    pty,
    exited,
    exitWithin: (ms) =>
      Promise.race([
        exited,
        pause(ms).then(() => {
          throw new Error(`the app was still running after ${ms} ms; the screen was:\n${app.text()}`);
        }),
      ]),
    raw: () => raw,
    screen,
    text: () => screen().join("\n"),
    type: async (...sequence) => {
      for (const data of sequence) {
        pty.write(data);
        await pause(120);
      }
    },
    waitFor: async (predicate, what, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        await settled();
        const text = app.text();
        if (predicate(text)) return text;
        await pause(25);
      }
      throw new Error(`timed out waiting for ${what}; the screen was:\n${app.text()}`);
    },
    resize: (newColumns, newRows) => {
      terminal.resize(newColumns, newRows);
      pty.resize(newColumns, newRows);
    },
    buffer: () => terminal.buffer.active.type,
    settle: async () => {
      const quietMs = 150;
      const deadline = Date.now() + 10_000;
      await pause(quietMs);
      while (Date.now() - lastDataAt < quietMs && Date.now() < deadline) {
        await pause(quietMs - (Date.now() - lastDataAt));
      }
      await settled();
    },
    cursorHidden: () => cursorHidden,
  };
  return app;
}

/** After the app ends: the restore sequences came after the last frame, and the terminal shows them. */
export async function expectRestored(pty: PtyApp): Promise<void> {
  await pty.settle();
  const raw = pty.raw();
  const leave = raw.lastIndexOf("\x1b[?1049l");
  expect(leave, "left the alternate screen").toBeGreaterThan(raw.lastIndexOf("\x1b[?1049h"));
  expect(raw.lastIndexOf("\x1b[?25h"), "cursor shown").toBeGreaterThan(raw.lastIndexOf("\x1b[?25l"));
  expect(pty.buffer()).toBe("normal");
  expect(pty.cursorHidden()).toBe(false);
}
