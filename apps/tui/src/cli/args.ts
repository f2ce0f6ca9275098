import { COMMON_FLAGS, FLAGS, type FlagKind, type FlagName } from "./definition.js";

export type { FlagName };

/** A command line that cannot be understood: exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

type FlagValue<K extends FlagKind> = K extends "string" ? string : K extends "integer" ? number : boolean;
export type Flags = { -readonly [N in FlagName]?: FlagValue<(typeof FLAGS)[N]["kind"]> };

export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  flags: Flags;
}

const isFlagName = (name: string): name is FlagName => Object.hasOwn(FLAGS, name);

function parseBoolean(name: string, text: string): boolean {
  if (text === "true") return true;
  if (text === "false") return false;
  throw new UsageError(`--${name} takes true or false, not "${text}"`);
}

function parseInteger(name: string, text: string): number {
  if (!/^[0-9]+$/.test(text)) throw new UsageError(`--${name} takes a whole number, not "${text}"`);
  return Number(text);
}

/**
 * Parses `[command] [positionals] [--flag value | --flag=value | --bool | --no-bool]`. Boolean flags
 * also take a following `true`/`false`, so `--active false` and `--permanent` both read naturally.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const flags: Flags = {};
  const positionals: string[] = [];
  const set = <N extends FlagName>(name: N, value: Flags[N]) => {
    if (flags[name] !== undefined) throw new UsageError(`--${name} is given twice`);
    flags[name] = value;
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? "";
    if (arg === "-h") {
      set("help", true);
      continue;
    }
    if (!arg.startsWith("--") || arg === "--") {
      if (arg.startsWith("-") && arg !== "-" && !/^-[0-9]/.test(arg))
        throw new UsageError(`unknown option ${arg}`);
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf("=");
    let name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
    let inline = equals === -1 ? undefined : arg.slice(equals + 1);
    if (!isFlagName(name) && name.startsWith("no-") && isFlagName(name.slice(3))) {
      name = name.slice(3);
      if (FLAGS[name as FlagName].kind !== "boolean" || inline !== undefined)
        throw new UsageError(`unknown option ${arg}`);
      inline = "false";
    }
    if (!isFlagName(name)) throw new UsageError(`unknown option --${name}`);
    const kind = FLAGS[name].kind;
    if (kind === "boolean") {
      const next = argv[index + 1];
      if (inline === undefined && (next === "true" || next === "false")) {
        inline = next;
        index++;
      }
      set(name, inline === undefined ? true : parseBoolean(name, inline));
      continue;
    }
    if (inline === undefined) {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`--${name} needs a value`);
      inline = next;
      index++;
    }
    if (kind === "integer") set(name, parseInteger(name, inline));
    else if (inline === "") throw new UsageError(`--${name} needs a value`);
    else set(name, inline);
  }
  const [command, ...rest] = positionals;
  return { command, positionals: rest, flags };
}

/** Refuses flags that a command does not take (every command takes --help and --version). */
export function allowOnly(parsed: ParsedArgs, allowed: readonly FlagName[]): void {
  for (const name of Object.keys(parsed.flags)) {
    if (!allowed.includes(name as FlagName) && !COMMON_FLAGS.includes(name as FlagName)) {
      throw new UsageError(`${parsed.command ?? "stream-tokens"} does not take --${name}`);
    }
  }
}
