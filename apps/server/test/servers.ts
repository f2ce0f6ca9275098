import { type ChildProcess, type ChildProcessByStdio, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { type ApiTokens, type RunningServer, type StartServerOptions, startServer } from "../src/index.js";

const CLI_PATH = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

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

/** The demo account's api tokens of a server started with `seed: true` (useServer's default). */
export function demoTokens(server: RunningServer): ApiTokens {
  if (!server.apiTokens) throw new Error("seeded server expected");
  return server.apiTokens;
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
  ready: { url: string; apiTokens?: ApiTokens };
  stderr: () => string;
  /** Settles once the process has exited and its stdout and stderr are drained. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the built CLI and waits for its one JSON line. */
export async function spawnCli(args: string[]): Promise<CliServer> {
  const child = spawnBuiltCli(args);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = closed(child);
  const lines = createInterface({ input: child.stdout });
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    exited.then(({ code }) =>
      reject(new Error(`the CLI exited with ${code} before it was ready: ${stderr}`)),
    );
  });
  return { process: child, ready: JSON.parse(firstLine), stderr: () => stderr, exited };
}

/** Runs the built CLI until it exits, with everything it wrote. */
export async function runToExit(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnBuiltCli(args);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const { code } = await closed(child);
  return { code, stdout, stderr };
}

function spawnBuiltCli(args: string[]): ChildProcessByStdio<null, Readable, Readable> {
  if (!existsSync(CLI_PATH))
    throw new Error(`${CLI_PATH} is missing: run \`pnpm --filter @stream-tokens/server build\``);
  return spawn(process.execPath, [CLI_PATH, ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

/** "close", not "exit": it comes after stdout and stderr are drained, so nothing written is missed. */
function closed(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
}
