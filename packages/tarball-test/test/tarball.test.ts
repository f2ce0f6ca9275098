// The three public packages tried as a user would, from their tarballs: `pnpm pack`, then plain npm
// into a fresh project and fresh global prefixes (no workspace, no pnpm), then each command of the
// README, on this Node (20) and, for the library and the CLI, on Node 24.
import { type ChildProcessByStdio, execFile, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { node24 } from "@stream-tokens/testkit/node24";
import { expectRestored, startPty } from "@stream-tokens/testkit/pty";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { installGlobal, installProject, packAll, sh } from "../src/install.mjs";

const workspace = new URL("../../../", import.meta.url).pathname;
const consumerFiles = new URL("../consumer/", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "stream-tokens-tarballs-"));
const project = join(work, "project");
const globalPrefix = join(work, "global");
const cliOnlyPrefix = join(work, "global-cli-only");
const cliVersion: unknown = JSON.parse(
  readFileSync(join(workspace, "apps/tui/package.json"), "utf8"),
).version;
const LOWEST_TYPESCRIPT = "~5.4.0";

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `file` on `node` with only the environment given (plus PATH with the global prefix first). */
function runNode(node: string, args: readonly string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      node,
      args,
      {
        cwd: project,
        env: { PATH: `${globalPrefix}/bin:${process.env.PATH ?? ""}`, HOME: freshHome(), ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let homes = 0;
/** An empty HOME (so no config file), inside the run's folder. */
function freshHome(): string {
  const home = join(work, `home-${++homes}`);
  mkdirSync(home);
  return home;
}

const cliIn = (prefix: string) => join(prefix, "lib/node_modules/stream-tokens-cli/dist/cli.js");
const binIn = (prefix: string, name: string) => join(prefix, "bin", name);

interface LocalServer {
  url: string;
  token: string;
  process: ChildProcessByStdio<null, Readable, Readable>;
}

/** `stream-tokens-server --port 0 --db <tmp> --seed` from the global prefix, until its ready line. */
async function startInstalledServer(): Promise<LocalServer> {
  const child = spawn(
    binIn(globalPrefix, "stream-tokens-server"),
    ["--port", "0", "--db", join(work, "tokens.db"), "--seed"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: `${globalPrefix}/bin:${process.env.PATH ?? ""}` },
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`stream-tokens-server exited with ${code}: ${stderr}`)));
  });
  const ready: unknown = JSON.parse(line);
  const url = typeof ready === "object" && ready !== null ? Reflect.get(ready, "url") : undefined;
  const tokens = typeof ready === "object" && ready !== null ? Reflect.get(ready, "apiTokens") : undefined;
  const token = typeof tokens === "object" && tokens !== null ? Reflect.get(tokens, "account") : undefined;
  if (typeof url !== "string" || typeof token !== "string") throw new Error(`unexpected ready line: ${line}`);
  return { url, token, process: child };
}

/** The README's examples of the library as ES modules (.mjs) and as CommonJS (.cjs) files. */
async function compileExamples(): Promise<{ esm: string[]; cjs: string[] }> {
  const examples = join(workspace, "packages/sdk/examples");
  const esm: string[] = [];
  const cjs: string[] = [];
  mkdirSync(join(project, "esm"));
  mkdirSync(join(project, "cjs"));
  for (const name of readdirSync(examples).filter((file) => file.endsWith(".ts"))) {
    const source = readFileSync(join(examples, name), "utf8");
    const { code } = await transform(source, { loader: "ts", format: "esm", target: "node20" });
    const base = name.replace(/\.ts$/, "");
    writeFileSync(join(project, "esm", `${base}.mjs`), code);
    esm.push(join(project, "esm", `${base}.mjs`));
    // CommonJS has no top-level await: each import of the package (its entry, or a subpath such
    // as stream-tokens/rotator) becomes a require(), and the rest an async function.
    const packageImport = /^import \{([^}]*)\} from "(stream-tokens(?:\/[a-z-]+)?)";\n/gm;
    const requires = [...code.matchAll(packageImport)].map(
      ([, names = "", from]) => `const { ${names.replace(/\s+/g, " ").trim()} } = require("${from}");\n`,
    );
    expect(requires.length, `${name} imports from stream-tokens`).toBeGreaterThan(0);
    const body = code.replace(packageImport, "");
    expect(body, `${name} imports nothing else`).not.toMatch(/^import /m);
    writeFileSync(
      join(project, "cjs", `${base}.cjs`),
      `${requires.join("")}(async () => {\n${body}})().catch((error) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n`,
    );
    cjs.push(join(project, "cjs", `${base}.cjs`));
  }
  return { esm, cjs };
}

/** The order a user would try them in: the examples that need a token id get a fresh one each. */
const byUse = (files: string[]) =>
  [...files].sort((a, b) => Number(/delete/.test(a)) - Number(/delete/.test(b)) || a.localeCompare(b));

let server: LocalServer;
let examples: { esm: string[]; cjs: string[] };
let node24Binary: string;

beforeAll(async () => {
  const tarballs = await packAll(join(work, "tarballs"));
  await installProject(project, [
    tarballs.library,
    tarballs.server,
    "@types/node@^20",
    `ts-lowest@npm:typescript@${LOWEST_TYPESCRIPT}`,
    "ts-newest@npm:typescript@latest",
  ]);
  await installGlobal(globalPrefix, [tarballs.cli, tarballs.server], project);
  await installGlobal(cliOnlyPrefix, [tarballs.cli]);
  examples = await compileExamples();
  server = await startInstalledServer();
  node24Binary = node24().binary;
});

afterAll(() => {
  server?.process.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
});

describe("stream-tokens-cli, installed with npm i -g", () => {
  test("--version prints the package's version and --help the usage", async () => {
    const version = await runNode(process.execPath, [binIn(globalPrefix, "stream-tokens"), "--version"]);
    expect(version).toEqual({ code: 0, stdout: `${String(cliVersion)}\n`, stderr: "" });
    const help = await runNode(process.execPath, [binIn(globalPrefix, "stream-tokens"), "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage:");
  });

  test("every subcommand works against the installed server with --url, --token and --json", async () => {
    const cli = (...args: string[]) =>
      runNode(process.execPath, [
        binIn(globalPrefix, "stream-tokens"),
        ...args,
        "--url",
        server.url,
        "--token",
        server.token,
      ]);
    const json = async (...args: string[]): Promise<unknown> => {
      const result = await cli(...args, "--json");
      expect(result, `stream-tokens ${args.join(" ")}`).toMatchObject({ code: 0, stderr: "" });
      return JSON.parse(result.stdout);
    };
    const temporary = await json("create");
    const permanent = await json("create", "--permanent");
    expect(permanent).toMatchObject({ expires: null });
    const id = String(Reflect.get(Object(temporary), "id"));
    expect(await json("list")).toEqual(expect.arrayContaining([temporary, permanent]));
    expect(await json("list", "--permanent")).toEqual(expect.arrayContaining([permanent]));
    expect(await json("list", "--limit", "1", "--offset", "0")).toHaveLength(1);
    expect(await json("get", id)).toEqual(temporary);
    expect(await json("update", id, "--active", "false")).toMatchObject({ id: Number(id), is_active: false });
    expect(await json("delete", id)).toEqual({ deleted: id });
    expect(await cli("get", id)).toMatchObject({ code: 4 });
    await json("create");
    expect(await json("delete-list", "--temporary", "--yes")).toEqual({ deleted: "temporary" });
    expect(await json("list", "--temporary")).toEqual([]);
    const leaked = String(Reflect.get(Object(await json("create")), "id"));
    // replace --json: the JSON on stdout, the lines saying which key is live on stderr.
    const replaced = await cli("replace", leaked, "--yes", "--json");
    expect(replaced.code).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ replaced: Number(leaked), oldDeleted: true });
    expect(await cli("get", leaked)).toMatchObject({ code: 4 });
    expect(await cli("help", "list")).toMatchObject({ code: 0 });
  });

  test("contexts: add one, use it, and the next run lists its tokens", async () => {
    const home = freshHome();
    const bin = binIn(globalPrefix, "stream-tokens");
    const context = (...args: string[]) =>
      runNode(process.execPath, [bin, "context", ...args], { HOME: home });
    expect(await context("add", "mine", "--url", server.url, "--token", server.token)).toMatchObject({
      code: 0,
    });
    expect(await context("use", "mine")).toMatchObject({ code: 0 });
    expect((await context("list")).stdout).toContain("mine");
    const listed = await runNode(process.execPath, [bin, "list", "--json"], { HOME: home });
    expect(listed).toMatchObject({ code: 0, stderr: "" });
  });

  test("completion bash prints a script that registers itself", async () => {
    const printed = await runNode(process.execPath, [
      binIn(globalPrefix, "stream-tokens"),
      "completion",
      "bash",
    ]);
    expect(printed).toMatchObject({ code: 0, stderr: "" });
    expect(printed.stdout).toContain("complete -F _stream_tokens stream-tokens");
  });

  test("login keeps the token and URL for the next run", async () => {
    const home = freshHome();
    const bin = binIn(globalPrefix, "stream-tokens");
    const login = await runNode(
      process.execPath,
      [bin, "login", "--token", server.token, "--url", server.url],
      { HOME: home },
    );
    expect(login.code).toBe(0);
    const listed = await runNode(process.execPath, [bin, "list", "--json"], { HOME: home });
    expect(listed).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(listed.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ expires: null })]),
    );
  });

  test("with nothing configured, it opens the UI on the local server and quits leaving the terminal restored", async () => {
    const app = startPty({ HOME: freshHome() }, { script: cliIn(globalPrefix) });
    await app.waitFor(
      (text) => text.includes("local server http://127.0.0.1:"),
      "the UI on the local server",
      30_000,
    );
    await app.type("q");
    expect((await app.exitWithin(10_000)).exitCode).toBe(0);
    await expectRestored(app);
  });

  test("without stream-tokens-server installed and nothing configured, one line says what to do, exit code 7", async () => {
    const result = await runNode(process.execPath, [binIn(cliOnlyPrefix, "stream-tokens"), "list"], {
      PATH: `${cliOnlyPrefix}/bin:${process.env.PATH ?? ""}`,
    });
    expect(result.code).toBe(7);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("stream-tokens login --token");
    expect(result.stderr).toContain("npm i -g stream-tokens-server");
  });

  test("on Node 24: --version, and list --json against the server", async () => {
    const version = await runNode(node24Binary, [cliIn(globalPrefix), "--version"]);
    expect(version).toEqual({ code: 0, stdout: `${String(cliVersion)}\n`, stderr: "" });
    const listed = await runNode(node24Binary, [
      cliIn(globalPrefix),
      "list",
      "--json",
      "--url",
      server.url,
      "--token",
      server.token,
    ]);
    expect(listed).toMatchObject({ code: 0, stderr: "" });
    expect(Array.isArray(JSON.parse(listed.stdout))).toBe(true);
  });
});

describe("stream-tokens and stream-tokens-server, installed with npm i in a project", () => {
  const runner = () => {
    cpSync(join(consumerFiles, "run-examples.mjs"), join(project, "run-examples.mjs"));
    return join(project, "run-examples.mjs");
  };

  for (const [format, label] of [
    ["esm", "an ES module"],
    ["cjs", "a CommonJS"],
  ] as const) {
    test(`${label} consumer runs every README example against startServer(), on Node 20 and Node 24`, async () => {
      for (const node of [process.execPath, node24Binary]) {
        const result = await runNode(process.execPath, [runner(), node, ...byUse(examples[format])]);
        expect(result.stdout).not.toContain("FAILED");
        expect(result).toMatchObject({ code: 0, stderr: "" });
        expect(result.stdout.match(/^ok /gm)).toHaveLength(examples[format].length);
      }
    });
  }

  test("CommonJS require() of stream-tokens-server starts and stops a server", async () => {
    const script =
      'const { startServer } = require("stream-tokens-server");' +
      "startServer({ seed: true }).then(async (s) => { console.log(typeof s.apiTokens.account); await s.close(); });";
    expect(await runNode(process.execPath, ["-e", script])).toEqual({
      code: 0,
      stdout: "string\n",
      stderr: "",
    });
  });

  test("the server README's node:test example passes", async () => {
    const readme = readFileSync(join(workspace, "apps/server/README.md"), "utf8");
    const example = [...readme.matchAll(/```js\n([\s\S]*?)```/g)]
      .map((match) => match[1] ?? "")
      .find((block) => block.startsWith("// tokens.test.mjs"));
    if (example === undefined) throw new Error("the server README has no tokens.test.mjs example");
    writeFileSync(join(project, "tokens.test.mjs"), example);
    const result = await runNode(process.execPath, ["--test", "tokens.test.mjs"]);
    expect(result.stdout).toContain("# pass 1");
    expect(result.code).toBe(0);
  });

  test(`a TypeScript consumer compiles the README examples with strict and skipLibCheck: false, on TypeScript ${LOWEST_TYPESCRIPT} and the newest`, async () => {
    const dir = join(project, "ts");
    cpSync(join(workspace, "packages/sdk/examples"), join(dir, "examples"), { recursive: true });
    cpSync(join(consumerFiles, "tsconfig.json"), join(dir, "tsconfig.json"));
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
    for (const compiler of ["ts-lowest", "ts-newest"]) {
      const tsc = join(project, "node_modules", compiler, "bin/tsc");
      await expect(sh(process.execPath, [tsc, "-p", dir]), compiler).resolves.toBe("");
    }
  });
});
