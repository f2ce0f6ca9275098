import { spawn } from "node:child_process";

export interface NodeRun {
  /** The exit code, or null when a signal ended the process (a timeout among them). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunNodeOptions {
  cwd?: string | undefined;
  /** Variables set on top of this process's environment. */
  env?: Record<string, string> | undefined;
  /** Milliseconds after which the process is killed (SIGTERM). */
  timeout?: number | undefined;
}

/**
 * Runs `node <args>` on the Node running the tests and collects its output. Settles on "close",
 * once the process has exited and its stdout and stderr are drained, so no output is lost.
 */
export function runNode(args: string[], options: RunNodeOptions = {}): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      timeout: options.timeout,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
