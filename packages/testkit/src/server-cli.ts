/**
 * The built server CLI (bin `stream-tokens-server`) in a process of its own. It imports nothing of the
 * server at run time, so tests running on another Node (the SDK's Node 24 run) can use it:
 * STREAM_TOKENS_SERVER_NODE then names the Node that built the server's native SQLite addon.
 */
import { type ChildProcess, type ChildProcessByStdio, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { binPath } from "./bin.js";
import type { ApiTokens } from "./fixtures.js";

const CLI_PATH = binPath("stream-tokens-server", "stream-tokens-server");

/** The CLI's ready line: its URL, and the demo account's api tokens when it was started with `--seed`. */
export interface ReadyLine {
  url: string;
  apiTokens?: ApiTokens;
}

export interface CliServer {
  process: ChildProcess;
  ready: ReadyLine;
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
    const timer = setTimeout(() => reject(new Error(`the CLI was not ready within 20 s: ${stderr}`)), 20_000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`the CLI exited with ${code} before it was ready: ${stderr}`));
    });
  });
  return { process: child, ready: readyLine(firstLine), stderr: () => stderr, exited };
}

export interface SeededServer {
  url: string;
  apiTokens: ApiTokens;
  /** What the server wrote to stderr so far. */
  output: () => string;
  /** Ends the server (SIGTERM unless told otherwise) and waits until it has exited. */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
  /** `kill()`: so that `useStarted` of testkit/fixtures can start and stop it for a test file. */
  close: () => Promise<void>;
}

/** The CLI on a free port with the demo account (`--seed`), plus any other flags. */
export async function startSeededServer(args: string[] = []): Promise<SeededServer> {
  const cli = await spawnCli(["--port", "0", "--seed", ...args]);
  const { url, apiTokens } = cli.ready;
  if (apiTokens === undefined) throw new Error("the seeded CLI printed no api tokens");
  const kill = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (cli.process.exitCode === null && cli.process.signalCode === null) cli.process.kill(signal);
    await cli.exited;
  };
  return { url, apiTokens, output: cli.stderr, kill, close: () => kill() };
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
  return spawn(process.env.STREAM_TOKENS_SERVER_NODE ?? process.execPath, [CLI_PATH, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** "close", not "exit": it comes after stdout and stderr are drained, so nothing written is missed. */
function closed(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
}

/** The ready line, checked: `{"url": "..."}`, with `"apiTokens": {account, space, manager}` when seeded. */
function readyLine(line: string): ReadyLine {
  const parsed: unknown = JSON.parse(line);
  const field = (value: unknown, name: string): unknown =>
    typeof value === "object" && value !== null ? Reflect.get(value, name) : undefined;
  const url = field(parsed, "url");
  if (typeof url !== "string") throw new Error(`unexpected ready line: ${line}`);
  const tokens = field(parsed, "apiTokens");
  if (tokens === undefined) return { url };
  const [account, space, manager] = ["account", "space", "manager"].map((kind) => field(tokens, kind));
  if (typeof account !== "string" || typeof space !== "string" || typeof manager !== "string")
    throw new Error(`unexpected ready line: ${line}`);
  return { url, apiTokens: { account, space, manager } };
}
