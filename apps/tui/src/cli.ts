#!/usr/bin/env node
import { createInterface } from "node:readline/promises";
import { allowOnly, type ParsedArgs, parseArgs, UsageError } from "./cli/args.js";
import { type CommandIo, type CommandRun, isApiCommand, prepareApiCommand } from "./cli/commands.js";
import { completionScript, isShell, SHELLS } from "./cli/completion.js";
import { runContextCommand } from "./cli/context-command.js";
import { UI_FLAGS } from "./cli/definition.js";
import { ExitCode, exitCodeFor } from "./cli/exit-codes.js";
import { helpFor } from "./cli/help.js";
import { configFilePath, readConfigFile, resolveConnection, writeConfigFile } from "./config.js";
import { openConnection } from "./connection.js";
import { describeError } from "./format.js";
import { VERSION } from "./version.js";

const out = { write: (text: string) => void process.stdout.write(text) };
const err = { write: (text: string) => void process.stderr.write(text) };

/** A yes/no question on the terminal; without one, no. */
async function ask(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const reader = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await reader.question(question)).trim());
  } finally {
    reader.close();
  }
}

function login(parsed: ParsedArgs, env: NodeJS.ProcessEnv): number {
  allowOnly(parsed, ["token", "url"]);
  const { token, url } = parsed.flags;
  if (token === undefined) throw new UsageError("login needs --token TOKEN (and optionally --url URL)");
  const path = configFilePath(env);
  const { apiToken: _token, baseUrl: _url, ...kept } = readConfigFile(path);
  writeConfigFile(path, { ...kept, apiToken: token, ...(url === undefined ? {} : { baseUrl: url }) });
  out.write(`Saved the api token${url === undefined ? "" : " and URL"} to ${path} (mode 0600).\n`);
  return ExitCode.ok;
}

function completion(parsed: ParsedArgs): number {
  allowOnly(parsed, []);
  const [shell, ...extra] = parsed.positionals;
  if (!isShell(shell) || extra.length > 0) {
    throw new UsageError(
      `completion takes one shell: ${SHELLS.join(", ")} (see stream-tokens help completion)`,
    );
  }
  out.write(completionScript(shell));
  return ExitCode.ok;
}

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.flags.version) {
    out.write(`${VERSION}\n`);
    return ExitCode.ok;
  }
  if (parsed.command === "help" || parsed.flags.help) {
    out.write(helpFor(parsed.command === "help" ? parsed.positionals[0] : parsed.command));
    return ExitCode.ok;
  }
  if (parsed.command === "login") return login(parsed, env);
  if (parsed.command === "completion") return completion(parsed);
  if (parsed.command === "context") {
    runContextCommand(parsed, env, out);
    return ExitCode.ok;
  }
  if (parsed.command !== undefined && !isApiCommand(parsed.command)) {
    throw new UsageError(`unknown command "${parsed.command}" (see stream-tokens --help)`);
  }
  if (parsed.command === undefined) allowOnly(parsed, UI_FLAGS);
  const interactive =
    parsed.command === undefined && process.stdin.isTTY && process.stdout.isTTY && !parsed.flags.json;
  // Without a terminal and without a command: the token list, as `list` prints it.
  const listed = { ...parsed, command: parsed.command ?? "list" };
  const command: CommandRun | undefined = interactive
    ? undefined
    : prepareApiCommand(isApiCommand(listed.command) ? listed.command : "list", listed);

  const flags = { context: parsed.flags.context, token: parsed.flags.token, url: parsed.flags.url };
  const file = readConfigFile(configFilePath(env));
  const connection = resolveConnection({ flags, env, file });
  const opened = await openConnection(connection, env, { quiet: interactive });
  try {
    if (command) {
      const io: CommandIo = { out, note: parsed.flags.json ? err : out, ask };
      await command(opened.service, io);
    } else {
      const { runInteractive } = await import("./interactive.js");
      await runInteractive({ first: opened, env, file });
    }
  } finally {
    await opened.close();
  }
  return ExitCode.ok;
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`stream-tokens: ${describeError(error)}\n`);
    process.exit(exitCodeFor(error));
  },
);
