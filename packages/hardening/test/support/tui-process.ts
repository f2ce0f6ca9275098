import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { spawn as spawnPty } from "node-pty";

const tuiPackage = dirname(createRequire(import.meta.url).resolve("@stream-tokens/tui/package.json"));
const TUI_CLI = join(tuiPackage, "dist/cli.js");

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one non-interactive `stream-tokens` command to its end. */
export function runTui(args: string[], env: Record<string, string>): Promise<Finished> {
  const child = spawn(process.execPath, [TUI_CLI, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

export interface TerminalSession {
  /** Every byte the UI wrote to the terminal, escapes included. */
  output(): string;
  type(data: string): void;
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  exited: Promise<{ exitCode: number; signal?: number }>;
  /** Resolves when the UI has ended, rejects if it is still running after `ms`. */
  exitWithin(ms: number): Promise<{ exitCode: number; signal?: number }>;
  kill(signal: NodeJS.Signals): void;
}

/** The full-screen UI in a real pseudo-terminal of 100x30. */
export function openTui(env: Record<string, string>, args: string[] = []): TerminalSession {
  const pty = spawnPty(process.execPath, [TUI_CLI, ...args], {
    name: "xterm-256color",
    cols: 100,
    rows: 30,
    env: { PATH: process.env.PATH ?? "", TERM: "xterm-256color", ...env },
  });
  let output = "";
  pty.onData((data) => {
    output += data;
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => pty.onExit(resolve));
  return {
    output: () => output,
    type: (data) => pty.write(data),
    waitFor: async (text, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what it strips
      const visible = () => output.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, "");
      while (!visible().includes(text)) {
        if (Date.now() > deadline)
          throw new Error(`"${text}" never appeared; output:\n${visible().slice(-2000)}`);
        await delay(50);
      }
    },
    exited,
    exitWithin: (ms) =>
      Promise.race([
        exited,
        delay(ms).then(() => {
          throw new Error(`the UI was still running after ${ms} ms`);
        }),
      ]),
    kill: (signal) => pty.kill(signal),
  };
}

/** After the UI ends, the terminal must be back on the normal screen with the cursor shown. */
export function terminalRestored(output: string): { normalScreen: boolean; cursorShown: boolean } {
  return {
    normalScreen: output.lastIndexOf("\x1b[?1049l") > output.lastIndexOf("\x1b[?1049h"),
    cursorShown: output.lastIndexOf("\x1b[?25h") > output.lastIndexOf("\x1b[?25l"),
  };
}
