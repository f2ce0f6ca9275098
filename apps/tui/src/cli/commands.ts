import type { StreamToken } from "@stream-tokens/api-types";
import { maskSecret } from "../core.js";
import { NO_MAX, type TokenService } from "../token-service.js";
import { allowOnly, type ParsedArgs, UsageError } from "./args.js";
import { COMMANDS } from "./definition.js";
import { plainTable } from "./plain-table.js";
import { replaceCommand } from "./replace-command.js";

const API_COMMANDS = ["list", "create", "get", "update", "delete", "delete-list", "replace"] as const;
export type ApiCommand = (typeof API_COMMANDS)[number];
export const isApiCommand = (name: string | undefined): name is ApiCommand =>
  API_COMMANDS.some((command) => command === name);

export interface Output {
  write(text: string): void;
}

/** Where a command writes, and how it asks a yes/no question (false without a terminal). */
export interface CommandIo {
  out: Output;
  /** Lines for a person: stderr when stdout is JSON for a script. */
  note: Output;
  ask(question: string): Promise<boolean>;
}

/** `--permanent` / `--temporary` as the API's `permanent` filter: true, false or absent. */
function permanentFilter(parsed: ParsedArgs): { permanent?: boolean } {
  const { permanent, temporary } = parsed.flags;
  if (permanent !== undefined && temporary !== undefined) {
    throw new UsageError("give --permanent or --temporary, not both");
  }
  if (permanent !== undefined) return { permanent };
  if (temporary !== undefined) return { permanent: !temporary };
  return {};
}

export function onlyArgument(parsed: ParsedArgs, what: string): string {
  const [value, ...extra] = parsed.positionals;
  if (value === undefined || value === "") throw new UsageError(`${parsed.command} needs ${what}`);
  if (extra.length > 0)
    throw new UsageError(`${parsed.command} takes one ${what}, got also: ${extra.join(" ")}`);
  return value;
}

function noArguments(parsed: ParsedArgs): void {
  if (parsed.positionals.length > 0) {
    throw new UsageError(`${parsed.command} takes no arguments, got: ${parsed.positionals.join(" ")}`);
  }
}

/** A list prints as a JSON array, one token (create, get, update) as a JSON object. */
export function printTokens(
  out: Output,
  tokens: readonly StreamToken[] | StreamToken,
  parsed: ParsedArgs,
): void {
  const list = Array.isArray(tokens) ? tokens : [tokens];
  if (parsed.flags.json) out.write(`${JSON.stringify(tokens, null, 2)}\n`);
  else out.write(plainTable(list, { showKeys: parsed.flags["show-keys"] === true, now: Date.now() }));
}

/** What a command does once connected; errors propagate to the caller, which maps them to exit codes. */
export type CommandRun = (service: TokenService, io: CommandIo) => Promise<void>;

/** Checks a command's arguments and flags (before any connection or request) and returns its run. */
export function prepareApiCommand(command: ApiCommand, parsed: ParsedArgs): CommandRun {
  allowOnly(parsed, COMMANDS[command].flags);
  switch (command) {
    case "list": {
      noArguments(parsed);
      const filter = permanentFilter(parsed);
      const { limit, offset } = parsed.flags;
      return async (service, { out }) => {
        const tokens =
          limit === undefined && offset === undefined
            ? await service.listAll(filter).toArray(NO_MAX)
            : await service.list({
                ...filter,
                ...(limit === undefined ? {} : { limit }),
                ...(offset === undefined ? {} : { offset }),
              });
        printTokens(out, tokens, parsed);
      };
    }
    case "create": {
      noArguments(parsed);
      const filter = permanentFilter(parsed);
      return async (service, { out }) => {
        const token = await service.create({ permanent: filter.permanent ?? false });
        printTokens(out, token, parsed);
        if (!parsed.flags.json && !parsed.flags["show-keys"]) {
          out.write(`Key masked (${maskSecret(token.key)}): add --show-keys or --json to print it.\n`);
        }
      };
    }
    case "get": {
      const idOrKey = onlyArgument(parsed, "an id or key");
      return async (service, { out }) => printTokens(out, await service.get(idOrKey), parsed);
    }
    case "update": {
      const idOrKey = onlyArgument(parsed, "an id or key");
      const active = parsed.flags.active;
      if (active === undefined) throw new UsageError("update needs --active true or --active false");
      return async (service, { out }) =>
        printTokens(out, await service.update(idOrKey, { is_active: active }), parsed);
    }
    case "delete": {
      const idOrKey = onlyArgument(parsed, "an id or key");
      return async (service, { out }) => {
        await service.delete(idOrKey);
        const shown = /^[0-9]+$/.test(idOrKey) ? idOrKey : maskSecret(idOrKey);
        out.write(parsed.flags.json ? `${JSON.stringify({ deleted: shown })}\n` : `Deleted token ${shown}\n`);
      };
    }
    case "delete-list": {
      noArguments(parsed);
      const filter = permanentFilter(parsed);
      const which = filter.permanent === undefined ? "all" : filter.permanent ? "permanent" : "temporary";
      if (parsed.flags.yes !== true) {
        throw new UsageError(
          `delete-list deletes ${which} tokens and cannot be undone: add --yes to confirm`,
        );
      }
      return async (service, { out }) => {
        await service.deleteList(filter);
        out.write(
          parsed.flags.json ? `${JSON.stringify({ deleted: which })}\n` : `Deleted ${which} tokens\n`,
        );
      };
    }
    case "replace": {
      const idOrKey = onlyArgument(parsed, "an id or key");
      return (service, io) => replaceCommand(service, io, idOrKey, parsed);
    }
  }
}
