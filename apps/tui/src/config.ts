import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

export const DEFAULT_API_URL = "https://api.neuroio.com";

/** What the config file holds; both fields optional. */
export interface StoredSettings {
  apiToken?: string;
  baseUrl?: string;
}

/** A config file that exists but cannot be used; the message never contains its secrets. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const base = (value: string | undefined, fallback: string): string =>
  value !== undefined && value !== "" ? value : fallback;

/** `$XDG_CONFIG_HOME/stream-tokens/config.json`, or `~/.config/stream-tokens/config.json`. */
export const configFilePath = (env: NodeJS.ProcessEnv = process.env): string =>
  join(base(env.XDG_CONFIG_HOME, join(homedir(), ".config")), "stream-tokens", "config.json");

/** `$XDG_DATA_HOME/stream-tokens/local.db`, or `~/.local/share/stream-tokens/local.db`. */
export const localDatabasePath = (env: NodeJS.ProcessEnv = process.env): string =>
  join(base(env.XDG_DATA_HOME, join(homedir(), ".local", "share")), "stream-tokens", "local.db");

function optionalString(source: Record<string, unknown>, name: string, path: string): string | undefined {
  const value = source[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigError(`${path}: "${name}" must be a non-empty string`);
  }
  return value;
}

/** The settings in the config file; none when it does not exist. */
export function readConfigFile(path: string): StoredSettings {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return {};
    throw new ConfigError(
      `${path}: cannot be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(`${path}: is not valid JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`${path}: must hold a JSON object like {"apiToken": "...", "baseUrl": "..."}`);
  }
  const record = parsed as Record<string, unknown>;
  const settings: StoredSettings = {};
  const apiToken = optionalString(record, "apiToken", path);
  const baseUrl = optionalString(record, "baseUrl", path);
  if (apiToken !== undefined) settings.apiToken = apiToken;
  if (baseUrl !== undefined) settings.baseUrl = baseUrl;
  return settings;
}

/** Writes the config file atomically (a temporary file, then a rename) with mode 0600. */
export function writeConfigFile(path: string, settings: StoredSettings): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/** Where the UI and the commands connect: a configured server, or the embedded local one. */
export type Connection =
  | { kind: "remote"; context: string; apiToken: string; baseUrl: string }
  | { kind: "local" };

export interface ConnectionInputs {
  flags: { token?: string | undefined; url?: string | undefined };
  env: NodeJS.ProcessEnv;
  file: StoredSettings;
}

/** Flags win over the environment, which wins over the config file; each field on its own. */
export function resolveConnection({ flags, env, file }: ConnectionInputs): Connection {
  const envToken = env.NEUROIO_API_TOKEN || undefined;
  const envUrl = env.NEUROIO_API_URL || undefined;
  const apiToken = flags.token ?? envToken ?? file.apiToken;
  const baseUrl = flags.url ?? envUrl ?? file.baseUrl;
  if (apiToken === undefined) {
    if (baseUrl !== undefined) {
      throw new ConfigError(
        `a server URL is set (${flags.url !== undefined ? "--url" : envUrl !== undefined ? "NEUROIO_API_URL" : "config file"}) but no api token: pass --token, set NEUROIO_API_TOKEN or run "stream-tokens login"`,
      );
    }
    return { kind: "local" };
  }
  return { kind: "remote", context: "default", apiToken, baseUrl: baseUrl ?? DEFAULT_API_URL };
}
