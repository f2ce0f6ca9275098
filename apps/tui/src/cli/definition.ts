/**
 * The command line, defined once: every command with its usage, help and the flags it takes, and
 * every flag with its kind. The parser (args.ts), the help (help.ts) and the shell completions read
 * this; a command or flag exists nowhere else.
 */

import { parameterBounds } from "@stream-tokens/api-types";

const { Limit } = parameterBounds;

export type FlagKind = "string" | "boolean" | "integer";

export interface FlagDefinition {
  kind: FlagKind;
  /** The value's placeholder in usage lines, for string and integer flags. */
  value?: string;
  help: string;
}

export const FLAGS = {
  context: { kind: "string", value: "NAME", help: "a context of the config file, or local" },
  token: { kind: "string", value: "TOKEN", help: "api token" },
  url: { kind: "string", value: "URL", help: "API base URL" },
  json: { kind: "boolean", help: "JSON for scripts, keys included" },
  "show-keys": { kind: "boolean", help: "print keys in full in tables" },
  help: { kind: "boolean", help: "show help" },
  version: { kind: "boolean", help: "print the version" },
  permanent: { kind: "boolean", help: "permanent tokens (--permanent false: temporary)" },
  temporary: { kind: "boolean", help: "temporary tokens" },
  limit: { kind: "integer", value: "N", help: `tokens per page, ${Limit.minimum} to ${Limit.maximum}` },
  offset: { kind: "integer", value: "N", help: "tokens to skip" },
  active: { kind: "boolean", help: "switch the token on (true) or off (false)" },
  yes: { kind: "boolean", help: "confirm without asking" },
  "token-command": {
    kind: "string",
    value: "COMMAND",
    help: "a shell command that prints the api token",
  },
  timeout: { kind: "integer", value: "SECONDS", help: "how long the token command may run" },
} as const satisfies Record<string, FlagDefinition>;

export type FlagName = keyof typeof FLAGS;

/** Where a command connects: flags that choose the server and the api token. */
const CONNECTION = ["context", "token", "url"] as const satisfies readonly FlagName[];
const OUTPUT = ["json", "show-keys"] as const satisfies readonly FlagName[];

export interface CommandDefinition {
  /** The usage line, after `stream-tokens `. */
  usage: string;
  /** What it does, for `stream-tokens COMMAND --help`. */
  help: string;
  flags: readonly FlagName[];
  /** Its subcommands (completions offer them), if any. */
  subcommands?: readonly string[];
  /** True when it talks to the API (the connection and exit-code help applies). */
  connects: boolean;
}

export const COMMANDS = {
  list: {
    usage: "list [--permanent|--temporary] [--limit N] [--offset N]",
    help: `Lists tokens. Without --limit/--offset every page is fetched; with them, one page
  (limit ${Limit.minimum}..${Limit.maximum}, the API's default ${Limit.default}; offset from 0). --permanent lists permanent tokens only,
  --temporary (or --permanent false) temporary ones only.`,
    flags: [...CONNECTION, ...OUTPUT, "permanent", "temporary", "limit", "offset"],
    connects: true,
  },
  create: {
    usage: "create [--permanent]",
    help: `Creates a temporary token (lives 24 hours), or a permanent one with --permanent (at most 5;
  a sixth fails with exit code 5). The key is masked unless --show-keys or --json.`,
    flags: [...CONNECTION, ...OUTPUT, "permanent", "temporary"],
    connects: true,
  },
  get: {
    usage: "get ID_OR_KEY",
    help: "Shows one token. All digits is an id; anything else is a key.",
    flags: [...CONNECTION, ...OUTPUT],
    connects: true,
  },
  update: {
    usage: "update ID_OR_KEY --active true|false",
    help: "Switches a token on or off.",
    flags: [...CONNECTION, ...OUTPUT, "active"],
    connects: true,
  },
  delete: {
    usage: "delete ID_OR_KEY",
    help: "Deletes one token.",
    flags: [...CONNECTION, "json"],
    connects: true,
  },
  "delete-list": {
    usage: "delete-list [--permanent|--temporary] --yes",
    help: `Deletes every temporary (--temporary), permanent (--permanent) or, with neither, every token.
  Refuses without --yes.`,
    flags: [...CONNECTION, "json", "permanent", "temporary", "yes"],
    connects: true,
  },
  replace: {
    usage: "replace ID_OR_KEY [--yes]",
    help: `Replaces a leaked key: creates a token of the same kind, prints it (its key masked unless
  --show-keys or --json), then deletes the old one once you confirm (or with --yes). Without a
  terminal and without --yes the old token is kept, and both keys stay live.
  A permanent token when 5 exist cannot get its replacement first: the old one is deleted, then the
  new one created, and in between no key of it is live. It says so and asks (or takes --yes).
  Every line it prints says which key is live.`,
    flags: [...CONNECTION, ...OUTPUT, "yes"],
    connects: true,
  },
  login: {
    usage: "login --token TOKEN [--url URL]",
    help: `Saves the api token (and URL) to the config file, written atomically with mode 0600, so that
  later runs use them without flags or environment variables (as the context "default").`,
    flags: ["token", "url"],
    connects: false,
  },
  context: {
    usage: "context list|use NAME|add NAME --url URL (--token TOKEN | --token-command COMMAND)|remove NAME",
    help: `Manages the contexts of the config file: named servers with their api token, or with a
  command that prints it (run through /bin/sh, at most --timeout SECONDS, default 10, as git
  credential helpers are). "local" is built in: the local server, in-process.
    context list             the contexts, the current one marked *, api tokens masked
    context use NAME         makes NAME the current context
    context add NAME --url URL --token TOKEN
    context add NAME --url URL --token-command COMMAND [--timeout SECONDS]
    context remove NAME
  The file is written atomically with mode 0600.`,
    flags: ["json", "token", "url", "token-command", "timeout"],
    subcommands: ["list", "use", "add", "remove"],
    connects: false,
  },
  completion: {
    usage: "completion bash|zsh|fish",
    help: `Prints the shell completion script for bash, zsh or fish. Load it from the shell's start-up file:
    bash (~/.bashrc)                    eval "$(stream-tokens completion bash)"
    zsh (~/.zshrc, after compinit)      eval "$(stream-tokens completion zsh)"
    fish (~/.config/fish/config.fish)   stream-tokens completion fish | source`,
    flags: [],
    subcommands: ["bash", "zsh", "fish"],
    connects: false,
  },
  help: {
    usage: "help [COMMAND]",
    help: "Shows the help of a command, or this overview.",
    flags: [],
    connects: false,
  },
} as const satisfies Record<string, CommandDefinition>;

export type CommandName = keyof typeof COMMANDS;

export const COMMAND_NAMES = Object.keys(COMMANDS) as readonly CommandName[];

export const isCommandName = (name: string | undefined): name is CommandName =>
  name !== undefined && Object.hasOwn(COMMANDS, name);

/** The flags of the bare `stream-tokens` (the UI, or the plain list without a terminal). */
export const UI_FLAGS: readonly FlagName[] = [...CONNECTION, ...OUTPUT];

/** Flags every command takes. */
export const COMMON_FLAGS: readonly FlagName[] = ["help", "version"];
