import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "../src/cli/args.js";
import {
  ConfigError,
  configFilePath,
  DEFAULT_API_URL,
  localDatabasePath,
  readConfigFile,
  resolveConnection,
  writeConfigFile,
} from "../src/config.js";
import { formatDuration } from "../src/format.js";
import { osc52 } from "../src/terminal/osc52.js";
import { keymap, keyName } from "../src/ui/keymap.js";
import { colorEnabled } from "../src/ui/theme.js";
import { freshHome } from "./support/fresh-home.js";

describe("parseArgs", () => {
  it("reads commands, positionals, values and booleans in every spelling", () => {
    expect(parseArgs(["update", "12", "--active", "false", "--json"])).toEqual({
      command: "update",
      positionals: ["12"],
      flags: { active: false, json: true },
    });
    expect(parseArgs(["list", "--permanent", "--limit=5", "--offset", "10"]).flags).toEqual({
      permanent: true,
      limit: 5,
      offset: 10,
    });
    expect(parseArgs(["list", "--no-permanent"]).flags).toEqual({ permanent: false });
    expect(parseArgs(["-h"]).flags).toEqual({ help: true });
  });

  it("refuses what it cannot read", () => {
    for (const argv of [
      ["--nope"],
      ["-x"],
      ["list", "--limit"],
      ["list", "--limit", "-1"],
      ["list", "--limit", "1.5"],
      ["--active=yes"],
      ["--json", "--json"],
      ["--token="],
      ["--no-limit"],
      ["--no-json=true"],
    ]) {
      expect(() => parseArgs(argv), argv.join(" ")).toThrow(UsageError);
    }
  });
});

describe("configuration", () => {
  const env = (values: Record<string, string>): NodeJS.ProcessEnv => values;

  it("takes each setting from the flag, else the environment, else the file", () => {
    const file = { apiToken: "file-token", baseUrl: "https://file.example" };
    expect(resolveConnection({ flags: {}, env: env({}), file })).toEqual({
      kind: "remote",
      context: "default",
      apiToken: "file-token",
      baseUrl: "https://file.example",
    });
    expect(
      resolveConnection({
        flags: {},
        env: env({ NEUROIO_API_TOKEN: "env-token", NEUROIO_API_URL: "https://env" }),
        file,
      }),
    ).toMatchObject({ context: "NEUROIO_API_*", apiToken: "env-token", baseUrl: "https://env" });
    expect(
      resolveConnection({
        flags: { token: "flag-token", url: "https://flag" },
        env: env({ NEUROIO_API_TOKEN: "env-token", NEUROIO_API_URL: "https://env" }),
        file,
      }),
    ).toMatchObject({ context: "--token/--url", apiToken: "flag-token", baseUrl: "https://flag" });
    expect(resolveConnection({ flags: { token: "t" }, env: env({}), file: {} })).toMatchObject({
      baseUrl: DEFAULT_API_URL,
    });
    // A URL from the environment over the login's token is no longer the login: named by its source.
    expect(
      resolveConnection({ flags: {}, env: env({ NEUROIO_API_URL: "https://env" }), file }),
    ).toMatchObject({ context: "NEUROIO_API_*", apiToken: "file-token", baseUrl: "https://env" });
  });

  it("runs on the local server when no token is set anywhere, and refuses a URL without a token", () => {
    expect(resolveConnection({ flags: {}, env: env({}), file: {} })).toEqual({ kind: "local" });
    expect(() =>
      resolveConnection({ flags: {}, env: env({ NEUROIO_API_URL: "https://x" }), file: {} }),
    ).toThrow(ConfigError);
  });

  it("follows the XDG directories, with the home-directory defaults", () => {
    expect(configFilePath(env({ XDG_CONFIG_HOME: "/c" }))).toBe("/c/stream-tokens/config.json");
    expect(localDatabasePath(env({ XDG_DATA_HOME: "/d" }))).toBe("/d/stream-tokens/local.db");
    expect(configFilePath(env({}))).toMatch(/\.config\/stream-tokens\/config\.json$/);
    expect(localDatabasePath(env({}))).toMatch(/\.local\/share\/stream-tokens\/local\.db$/);
  });

  it("writes the file atomically with mode 0600 and reads it back; a missing file is empty", () => {
    const dir = freshHome("st-config-").HOME;
    const path = join(dir, "nested", "config.json");
    expect(readConfigFile(path)).toEqual({});
    writeConfigFile(path, { apiToken: "one" });
    writeConfigFile(path, { apiToken: "two", baseUrl: "https://b" });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readConfigFile(path)).toEqual({ apiToken: "two", baseUrl: "https://b" });
    expect(readdirSync(join(dir, "nested"))).toEqual(["config.json"]);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ apiToken: "two", baseUrl: "https://b" });
  });
});

describe("small pieces", () => {
  it("OSC 52 carries the text in base64", () => {
    expect(osc52("st_key")).toBe(`\x1b]52;c;${Buffer.from("st_key").toString("base64")}\x07`);
  });

  it("durations keep ticking seconds below two days", () => {
    expect(formatDuration(86_400_000)).toBe("24h 0m 0s");
    expect(formatDuration(59_000)).toBe("59s");
    expect(formatDuration(3 * 86_400_000 + 3_600_000)).toBe("3d 1h");
    expect(formatDuration(-5)).toBe("0s");
  });

  it("NO_COLOR with any non-empty value turns colour off", () => {
    expect(colorEnabled({})).toBe(true);
    expect(colorEnabled({ NO_COLOR: "1" })).toBe(false);
    expect(colorEnabled({ NO_COLOR: "" })).toBe(true);
  });

  it("the keymap binds no key twice in one scope", () => {
    const seen = new Set<string>();
    for (const binding of keymap) {
      for (const key of binding.keys) {
        const id = `${binding.scope}:${keyName(key)}`;
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    }
  });
});

describe("the README's key table", () => {
  it("names every key the keymap binds in the list", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Keys"), readme.indexOf("## Commands"));
    const keyColumn = section
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .map((line) => line.split("|")[1] ?? "")
      .join(" ");
    const named = new Set([...keyColumn.matchAll(/`([^`]+)`/g)].map((match) => match[1]));
    const missing = keymap
      .filter((binding) => binding.scope === "list")
      .flatMap((binding) => binding.keys.map(keyName))
      .filter((name) => !named.has(name));
    expect(missing).toEqual([]);
  });
});
