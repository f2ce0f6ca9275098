import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface ServerProcess {
  url: string;
  apiTokens: { account: string; space: string; manager: string };
  close(): Promise<void>;
}

const CLI = new URL("../../../../apps/server/dist/cli.js", import.meta.url).pathname;

/**
 * Starts the local server (`apps/server/dist/cli.js --port 0 --seed`) in its own process. It runs on
 * the PATH's `node` (or STREAM_TOKENS_SERVER_NODE): its native SQLite addon is built for the Node
 * that installed it, while these tests may run on another Node (24 in CI's second run).
 */
export async function startServerProcess(): Promise<ServerProcess> {
  const node = process.env.STREAM_TOKENS_SERVER_NODE ?? "node";
  const child = spawn(node, [CLI, "--port", "0", "--db", ":memory:", "--seed"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = await firstLine(child);
  const parsed: unknown = JSON.parse(ready);
  if (!isReadyLine(parsed)) throw new Error(`unexpected first line from the server: ${ready}`);
  return {
    url: parsed.url,
    apiTokens: parsed.apiTokens,
    close: () => stop(child),
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error("no stdout"));
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error("the server did not start within 20 s")), 20_000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before it was ready`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function isReadyLine(value: unknown): value is Omit<ServerProcess, "close"> {
  if (typeof value !== "object" || value === null) return false;
  const url: unknown = Reflect.get(value, "url");
  const apiTokens: unknown = Reflect.get(value, "apiTokens");
  return (
    typeof url === "string" &&
    typeof apiTokens === "object" &&
    apiTokens !== null &&
    ["account", "space", "manager"].every((kind) => typeof Reflect.get(apiTokens, kind) === "string")
  );
}
