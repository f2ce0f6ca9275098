import { execFile } from "node:child_process";
import { binPath } from "./bin.js";

/** The built terminal UI and subcommands (bin `stream-tokens`). */
export const CLI = binPath("stream-tokens-cli", "stream-tokens");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI without a terminal (pipes), with only the environment given (plus PATH/HOME). */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH ?? "", HOME: env.HOME ?? "/nonexistent", ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
