import { execFile } from "node:child_process";
import { ConfigError } from "./config.js";

/** Output beyond this is not an api token. */
const MAX_OUTPUT_BYTES = 64 * 1024;

/**
 * Runs a context's `tokenCommand` through /bin/sh (as git credential helpers are) and returns the
 * first line it prints. It gets no stdin, at most `timeoutMs`, and its output never reaches an
 * error message (it may be the token).
 */
export function runTokenCommand(context: string, command: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "/bin/sh",
      ["-c", command],
      { timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, encoding: "utf8", killSignal: "SIGKILL" },
      (error, stdout) => {
        const what = `the token command of context "${context}"`;
        if (error) {
          const timedOut = "killed" in error && error.killed === true && error.code === null;
          const reason = timedOut
            ? `did not finish within ${Math.round(timeoutMs / 1000)} s`
            : typeof error.code === "number"
              ? `exited with code ${error.code}`
              : `could not run (${error.message.split("\n")[0] ?? ""})`;
          reject(new ConfigError(`${what} ${reason}`));
          return;
        }
        const token = stdout.split("\n")[0]?.trim() ?? "";
        if (token === "") reject(new ConfigError(`${what} printed no api token`));
        else resolve(token);
      },
    );
  });
}
