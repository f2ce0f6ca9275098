import { redactText, redactValue } from "./mask.js";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Readonly<Record<string, unknown>>;

/** What the client logs to. Any object with these four methods will do (console, pino, ...). */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface LogEntry {
  level: LogLevel;
  message: string;
  fields: LogFields | undefined;
}

export interface CreateLoggerOptions {
  /** The lowest level written; `off` writes nothing. Default: `STREAM_TOKENS_LOG`, else `off`. */
  level?: LogLevel | "off" | undefined;
  /** Where entries go; default: one line each on `console.error`. */
  sink?: ((entry: LogEntry) => void) | undefined;
  /** Values masked wherever they appear (api tokens, keys), besides the secret-named fields. */
  secrets?: readonly string[] | undefined;
}

/** The environment variable read for the default level: `debug`, `info`, `warn`, `error` or `off`. */
export const LOG_LEVEL_ENV = "STREAM_TOKENS_LOG";

const RANK: Record<LogLevel | "off", number> = { debug: 10, info: 20, warn: 30, error: 40, off: 100 };

function isLevel(value: unknown): value is LogLevel | "off" {
  return typeof value === "string" && Object.hasOwn(RANK, value);
}

const reported = new Set<string>();

/**
 * The level named by `STREAM_TOKENS_LOG`, where the runtime has an environment (Node, Bun, Deno).
 * A value that names no level is reported on stderr (once per value), and logging stays off.
 */
export function levelFromEnvironment(): LogLevel | "off" {
  const value: unknown = globalThis.process?.env?.[LOG_LEVEL_ENV];
  if (typeof value !== "string" || value.trim() === "") return "off";
  const level = value.trim().toLowerCase();
  if (isLevel(level)) return level;
  if (!reported.has(value)) {
    reported.add(value);
    console.error(
      `[stream-tokens] ${LOG_LEVEL_ENV}=${JSON.stringify(value.slice(0, 40))} is not a level: use debug, info, warn, error or off (logging stays off)`,
    );
  }
  return "off";
}

function writeToConsole(entry: LogEntry): void {
  const fields = entry.fields ? ` ${JSON.stringify(entry.fields)}` : "";
  console.error(`[stream-tokens] ${entry.level} ${entry.message}${fields}`);
}

/** A leveled logger that masks secrets in messages and fields before they reach the sink. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const threshold = RANK[options.level ?? levelFromEnvironment()];
  const sink = options.sink ?? writeToConsole;
  const secrets = options.secrets ?? [];
  const write = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (RANK[level] < threshold) return;
    sink({
      level,
      message: redactText(message, secrets),
      fields: fields === undefined ? undefined : redactValue(fields, secrets),
    });
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

/** Wraps any logger so that what reaches it has every secret masked. */
export function redactingLogger(logger: Logger, secrets: readonly string[]): Logger {
  return createLogger({
    level: "debug",
    secrets,
    sink: ({ level, message, fields }) =>
      fields === undefined ? logger[level](message) : logger[level](message, fields),
  });
}

/** A logger that drops everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
