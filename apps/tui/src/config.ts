import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

export const DEFAULT_API_URL = "https://api.neuroio.com";

/** A named server: its URL and either the api token or a command that prints it. */
export interface StoredContext {
  baseUrl: string;
  apiToken?: string;
  /** Run through /bin/sh; its first line of output is the api token. */
  tokenCommand?: string;
  /** How long the token command may run (default 10). */
  tokenCommandTimeoutSeconds?: number;
}

/** What the config file holds; every field optional. */
export interface StoredSettings {
  /** The login settings (`stream-tokens login`): the context "default". */
  apiToken?: string;
  baseUrl?: string;
  /** The context `stream-tokens context use` chose. */
  currentContext?: string;
  contexts?: Record<string, StoredContext>;
}

/** The built-in context: the local server, in-process. */
export const LOCAL_CONTEXT = "local";
/** The name of the login settings. */
export const DEFAULT_CONTEXT = "default";
/**
 * The names of a connection that --token/--url or NEUROIO_API_TOKEN/NEUROIO_API_URL made (over the
 * login settings). Neither is a valid context name, so neither can stand for a context of the file.
 */
export const FLAGS_CONNECTION = "--token/--url";
export const ENV_CONNECTION = "NEUROIO_API_*";
export const DEFAULT_TOKEN_COMMAND_TIMEOUT_SECONDS = 10;

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

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function readContext(name: string, value: unknown, path: string): StoredContext {
  const where = `${path}: context "${name}"`;
  if (!isRecord(value))
    throw new ConfigError(`${where} must be an object like {"baseUrl": "...", "apiToken": "..."}`);
  const baseUrl = optionalString(value, "baseUrl", where);
  if (baseUrl === undefined) throw new ConfigError(`${where} needs "baseUrl"`);
  const apiToken = optionalString(value, "apiToken", where);
  const tokenCommand = optionalString(value, "tokenCommand", where);
  if ((apiToken === undefined) === (tokenCommand === undefined)) {
    throw new ConfigError(`${where} needs "apiToken" or "tokenCommand" (one of them)`);
  }
  const timeout = value.tokenCommandTimeoutSeconds;
  if (timeout !== undefined && (typeof timeout !== "number" || !Number.isInteger(timeout) || timeout < 1)) {
    throw new ConfigError(
      `${where}: "tokenCommandTimeoutSeconds" must be a whole number of seconds, at least 1`,
    );
  }
  return {
    baseUrl,
    ...(apiToken === undefined ? {} : { apiToken }),
    ...(tokenCommand === undefined ? {} : { tokenCommand }),
    ...(timeout === undefined ? {} : { tokenCommandTimeoutSeconds: timeout }),
  };
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
  if (!isRecord(parsed)) {
    throw new ConfigError(`${path}: must hold a JSON object like {"apiToken": "...", "baseUrl": "..."}`);
  }
  const settings: StoredSettings = {};
  const apiToken = optionalString(parsed, "apiToken", path);
  const baseUrl = optionalString(parsed, "baseUrl", path);
  const currentContext = optionalString(parsed, "currentContext", path);
  if (apiToken !== undefined) settings.apiToken = apiToken;
  if (baseUrl !== undefined) settings.baseUrl = baseUrl;
  if (currentContext !== undefined) settings.currentContext = currentContext;
  if (parsed.contexts !== undefined) {
    if (!isRecord(parsed.contexts))
      throw new ConfigError(`${path}: "contexts" must be an object of named contexts`);
    const contexts: Record<string, StoredContext> = {};
    for (const [name, value] of Object.entries(parsed.contexts)) {
      if (name === LOCAL_CONTEXT || name === DEFAULT_CONTEXT) {
        throw new ConfigError(`${path}: the context name "${name}" is built in; choose another`);
      }
      contexts[name] = readContext(name, value, path);
    }
    settings.contexts = contexts;
  }
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
  | { kind: "command"; context: string; tokenCommand: string; timeoutMs: number; baseUrl: string }
  | { kind: "local" };

export interface ConnectionInputs {
  flags: { context?: string | undefined; token?: string | undefined; url?: string | undefined };
  env: NodeJS.ProcessEnv;
  file: StoredSettings;
}

/** The names to switch between: the local server, the login settings if any, the named contexts. */
export function contextNames(file: StoredSettings): string[] {
  return [
    LOCAL_CONTEXT,
    ...(file.apiToken === undefined ? [] : [DEFAULT_CONTEXT]),
    ...Object.keys(file.contexts ?? {}).sort(),
  ];
}

/** One context of the file by its name; `local` and `default` are built in. */
export function namedConnection(name: string, file: StoredSettings, source: string): Connection {
  if (name === LOCAL_CONTEXT) return { kind: "local" };
  if (name === DEFAULT_CONTEXT && file.apiToken !== undefined) {
    return {
      kind: "remote",
      context: name,
      apiToken: file.apiToken,
      baseUrl: file.baseUrl ?? DEFAULT_API_URL,
    };
  }
  const context = file.contexts?.[name];
  if (context === undefined) {
    throw new ConfigError(
      `${source} names the context "${name}", which does not exist (contexts: ${contextNames(file).join(", ")})`,
    );
  }
  if (context.tokenCommand !== undefined) {
    const seconds = context.tokenCommandTimeoutSeconds ?? DEFAULT_TOKEN_COMMAND_TIMEOUT_SECONDS;
    return {
      kind: "command",
      context: name,
      tokenCommand: context.tokenCommand,
      timeoutMs: seconds * 1000,
      baseUrl: context.baseUrl,
    };
  }
  return { kind: "remote", context: name, apiToken: context.apiToken ?? "", baseUrl: context.baseUrl };
}

/**
 * Which server and api token, the first that applies: --context; --token/--url (each over the
 * environment and the login settings); STREAM_TOKENS_CONTEXT; NEUROIO_API_TOKEN/NEUROIO_API_URL
 * (each over the login settings); the current context; the login settings; the local server.
 */
export function resolveConnection({ flags, env, file }: ConnectionInputs): Connection {
  if (flags.context !== undefined) {
    if (flags.token !== undefined || flags.url !== undefined) {
      throw new ConfigError("give --context or --token/--url, not both");
    }
    return namedConnection(flags.context, file, "--context");
  }
  const envContext = env.STREAM_TOKENS_CONTEXT || undefined;
  if (envContext !== undefined && flags.token === undefined && flags.url === undefined) {
    return namedConnection(envContext, file, "STREAM_TOKENS_CONTEXT");
  }
  const envToken = env.NEUROIO_API_TOKEN || undefined;
  const envUrl = env.NEUROIO_API_URL || undefined;
  const fromFlagsOrEnv =
    flags.token !== undefined || flags.url !== undefined || envToken !== undefined || envUrl !== undefined;
  if (!fromFlagsOrEnv && file.currentContext !== undefined) {
    return namedConnection(file.currentContext, file, "the config file's currentContext");
  }
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
  const context =
    flags.token !== undefined || flags.url !== undefined
      ? FLAGS_CONNECTION
      : envToken !== undefined || envUrl !== undefined
        ? ENV_CONNECTION
        : DEFAULT_CONTEXT;
  return { kind: "remote", context, apiToken, baseUrl: baseUrl ?? DEFAULT_API_URL };
}
