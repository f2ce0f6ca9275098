import { createWriteStream, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import { runCli } from "@stream-tokens/testkit/cli";
import { demoTokens, useStarted, useTempDir } from "@stream-tokens/testkit/fixtures";
import { expectRestored, startPty } from "@stream-tokens/testkit/pty";
import { Client, createLogger, type StreamToken } from "stream-tokens";
import { startServer } from "stream-tokens-server";
import { describe, expect, it } from "vitest";

const tempDir = useTempDir();
const serverLog = () => join(tempDir(), "server.log");
const server = useStarted(() =>
  startServer({
    db: join(tempDir(), "tokens.db"),
    seed: true,
    logger: true,
    logStream: createWriteStream(serverLog()),
  }),
);
const written: Array<{ source: string; text: string }> = [];
const record = (source: string, text: string) => written.push({ source, text });

/** Every way an error can reach a person or a log. */
function errorSurfaces(error: unknown): string {
  return [
    String(error),
    error instanceof Error ? error.stack : "",
    inspect(error, { depth: 5 }),
    JSON.stringify(error),
  ].join("\n");
}

describe("secrets after a full lifecycle with debug logging everywhere", () => {
  it("appear unmasked in no log, error, screen or file, and the files that hold them are 0600", async () => {
    const dir = tempDir();
    const apiTokens = demoTokens(server());
    const other = server().createAccount();
    const issued = new Set<string>([...Object.values(apiTokens), ...Object.values(other)]);
    const remember = (token: StreamToken) => {
      issued.add(token.key);
      return token;
    };

    // The SDK at debug level, through every operation and several failures.
    const sdkLog: string[] = [];
    const client = new Client({
      apiToken: apiTokens.account,
      baseUrl: server().url,
      logger: createLogger({ level: "debug", sink: (entry) => sdkLog.push(JSON.stringify(entry)) }),
    });
    const tokens = client.streams.tokens;
    const temporary = remember(await tokens.create({ permanent: false }));
    const permanent = remember(await tokens.create({ permanent: true }));
    for (const token of await tokens.list({ limit: 100 })) remember(token);
    await tokens.get(temporary.key);
    await tokens.update(temporary.key, { is_active: false });
    await tokens.update(permanent.id, { is_active: false });
    await tokens.delete(temporary.key);
    const failures: unknown[] = [];
    await tokens.get(temporary.key).catch((error: unknown) => failures.push(error));
    await tokens.delete(temporary.key).catch((error: unknown) => failures.push(error));
    const stranger = new Client({
      apiToken: other.space,
      baseUrl: server().url,
      logger: createLogger({ level: "debug", sink: (entry) => sdkLog.push(JSON.stringify(entry)) }),
    });
    await stranger.streams.tokens.get(permanent.key).catch((error: unknown) => failures.push(error));
    const unknownApiToken = new Client({
      apiToken: `${apiTokens.account}x`,
      baseUrl: server().url,
      maxRetries: 0,
    });
    await unknownApiToken.streams.tokens.list().catch((error: unknown) => failures.push(error));
    expect(failures).toHaveLength(4);
    record("sdk log", sdkLog.join("\n"));
    record("sdk errors", failures.map(errorSurfaces).join("\n"));

    // The terminal UI: its commands with debug logs, its config file, and a full-screen session.
    const home = join(dir, "home");
    mkdirSync(home);
    const env = {
      HOME: home,
      XDG_CONFIG_HOME: join(home, "config"),
      XDG_DATA_HOME: join(home, "data"),
      STREAM_TOKENS_LOG: "debug",
    };
    const login = await runCli(["login", "--token", apiTokens.account, "--url", server().url], env);
    expect(login.code).toBe(0);
    const commands = [
      ["list"],
      ["create", "--permanent"],
      ["get", permanent.key],
      ["update", permanent.key, "--active", "true"],
      ["list", "--permanent"],
      ["get", "st_not-a-real-key"],
      ["delete-list", "--temporary", "--yes"],
    ];
    for (const args of commands) {
      const result = await runCli(args, env);
      record(`stream-tokens ${args[0]} stdout`, result.stdout);
      record(`stream-tokens ${args[0]} stderr`, result.stderr);
    }
    for (const token of await tokens.list({ limit: 100 })) remember(token);

    const ui = startPty(env, { columns: 100, rows: 30 });
    await ui.waitFor((screen) => screen.includes("refreshed"), "the loaded list", 15_000);
    // Every screen that could show a key is drawn before the next key: the detail pane, the list, the help.
    const screens: Array<[key: string, what: string, shown: (screen: string) => boolean]> = [
      ["\r", "the detail pane", (screen) => /Token #\d+/.test(screen)],
      ["\x1b", "the list again", (screen) => screen.includes("KIND")],
      ["?", "the help", (screen) => screen.includes("Esc or ? closes")],
      ["\x1b", "the list after the help", (screen) => screen.includes("KIND")],
    ];
    for (const [key, what, shown] of screens) {
      await ui.type(key);
      await ui.waitFor(shown, what);
    }
    await ui.type("q");
    await ui.exitWithin(10_000);
    record("full-screen session", ui.raw());
    await expectRestored(ui);

    await server().close();
    record("server log", readFileSync(serverLog(), "utf8"));

    // The config file holds the one api token it was given (that is its job), nothing else.
    const configFile = join(home, "config/stream-tokens/config.json");
    const config = readFileSync(configFile, "utf8");
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    record("config file", config.replace(apiTokens.account, "<the configured api token>"));

    expect(issued.size).toBeGreaterThan(8);
    expect(written.map(({ text }) => text.length).reduce((a, b) => a + b)).toBeGreaterThan(2_000);
    const leaks: string[] = [];
    for (const secret of issued) {
      for (const form of new Set([secret, encodeURIComponent(secret)])) {
        for (const { source, text } of written) {
          if (text.includes(form)) leaks.push(`${source} shows ${secret.slice(0, 6)}…`);
        }
      }
    }
    expect(leaks).toEqual([]);

    // Api tokens are stored as hashes: the database holds none of a normal account's in plaintext.
    const databaseFiles = readdirSync(dir).filter((name) => name.startsWith("tokens.db"));
    const stored = databaseFiles.map((name) => readFileSync(join(dir, name)).toString("latin1")).join("");
    expect(Object.values(other).filter((apiToken) => stored.includes(apiToken))).toEqual([]);
    for (const file of databaseFiles) {
      expect({ file, mode: (statSync(join(dir, file)).mode & 0o777).toString(8) }).toEqual({
        file,
        mode: "600",
      });
    }
  });
});
