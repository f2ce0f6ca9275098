import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { type RunningServer, type StartServerOptions, startServer } from "../src/index.js";

export const CLI_PATH = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

/** A server on a free port with a fresh in-memory database for one test file, closed afterwards. */
export function useServer(options: StartServerOptions = {}): () => RunningServer {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer({ seed: true, ...options });
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error("the server is not started yet");
    return server;
  };
}

/** A temporary directory for database files, removed after the test file. */
export function useTempDir(): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "stream-tokens-server-"));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!dir) throw new Error("the temporary directory is not created yet");
    return dir;
  };
}

export interface CliServer {
  process: ChildProcess;
  ready: { url: string; apiTokens?: { account: string; space: string; manager: string } };
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the built CLI and waits for its one JSON line. */
export async function spawnCli(args: string[]): Promise<CliServer> {
  if (!existsSync(CLI_PATH))
    throw new Error(`${CLI_PATH} is missing: run \`pnpm --filter @stream-tokens/server build\``);
  const child = spawn(process.execPath, [CLI_PATH, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
  });
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    exited.then(({ code }) =>
      reject(new Error(`the CLI exited with ${code} before it was ready: ${stderr}`)),
    );
  });
  return { process: child, ready: JSON.parse(firstLine), stderr: () => stderr, exited };
}
