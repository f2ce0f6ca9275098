import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";

const serverDist = dirname(createRequire(import.meta.url).resolve("@stream-tokens/server"));
const CLI = join(serverDist, "cli.js");

export interface ServerProcess {
  url: string;
  apiTokens: { account: string; space: string; manager: string };
  output: () => string;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Runs the built server CLI (`--seed`, port 0) and waits for its ready line. */
export async function startServerProcess(args: string[]): Promise<ServerProcess> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build @stream-tokens/server first`);
  const child = spawn(process.execPath, [CLI, "--port", "0", "--seed", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in 20 s: ${output}`)), 20_000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before it was ready: ${output}`));
    });
  });
  lines.on("line", (line) => {
    output += `${line}\n`;
  });
  const { url, apiTokens } = readyLine(ready);
  return {
    url,
    apiTokens,
    output: () => output,
    kill: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** The CLI's ready line, checked: `{"url": "...", "apiTokens": {"account", "space", "manager"}}`. */
function readyLine(line: string): Pick<ServerProcess, "url" | "apiTokens"> {
  const parsed: unknown = JSON.parse(line);
  const field = (value: unknown, name: string): unknown =>
    typeof value === "object" && value !== null ? Reflect.get(value, name) : undefined;
  const url = field(parsed, "url");
  const tokens = field(parsed, "apiTokens");
  const [account, space, manager] = ["account", "space", "manager"].map((kind) => field(tokens, kind));
  if (
    typeof url !== "string" ||
    typeof account !== "string" ||
    typeof space !== "string" ||
    typeof manager !== "string"
  )
    throw new Error(`unexpected ready line: ${line}`);
  return { url, apiTokens: { account, space, manager } };
}
