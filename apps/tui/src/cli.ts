#!/usr/bin/env node
import { createRequire } from "node:module";
import { allowOnly, type ParsedArgs, parseArgs, UsageError } from "./cli/args.js";
import { type CommandRun, isApiCommand, prepareApiCommand } from "./cli/commands.js";
import { ExitCode, exitCodeFor } from "./cli/exit-codes.js";
import { helpFor } from "./cli/help.js";
import { configFilePath, readConfigFile, resolveConnection, writeConfigFile } from "./config.js";
import { openConnection } from "./connection.js";
import { describeError } from "./format.js";

const out = { write: (text: string) => void process.stdout.write(text) };

function login(parsed: ParsedArgs, env: NodeJS.ProcessEnv): number {
  allowOnly(parsed, ["token", "url"]);
  const { token, url } = parsed.flags;
  if (token === undefined) throw new UsageError("login needs --token TOKEN (and optionally --url URL)");
  const path = configFilePath(env);
  writeConfigFile(path, { apiToken: token, ...(url === undefined ? {} : { baseUrl: url }) });
  out.write(`Saved the api token${url === undefined ? "" : " and URL"} to ${path} (mode 0600).\n`);
  return ExitCode.ok;
}

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.flags.version) {
    const version: unknown = createRequire(import.meta.url)("../package.json").version;
    out.write(`${String(version)}\n`);
    return ExitCode.ok;
  }
  if (parsed.command === "help" || parsed.flags.help) {
    out.write(helpFor(parsed.command === "help" ? parsed.positionals[0] : parsed.command));
    return ExitCode.ok;
  }
  if (parsed.command === "login") return login(parsed, env);
  if (parsed.command !== undefined && !isApiCommand(parsed.command)) {
    throw new UsageError(`unknown command "${parsed.command}" (see stream-tokens --help)`);
  }
  if (parsed.command === undefined) allowOnly(parsed, ["token", "url", "show-keys", "json"]);
  const interactive =
    parsed.command === undefined && process.stdin.isTTY && process.stdout.isTTY && !parsed.flags.json;
  // Without a terminal and without a command: the token list, as `list` prints it.
  const listed = { ...parsed, command: parsed.command ?? "list" };
  const command: CommandRun | undefined = interactive ? undefined : prepareApiCommand(listed.command, listed);

  const connection = resolveConnection({
    flags: { token: parsed.flags.token, url: parsed.flags.url },
    env,
    file: readConfigFile(configFilePath(env)),
  });
  const opened = await openConnection(connection, env, { quiet: interactive });
  try {
    if (command) {
      await command(opened.service, out);
    } else {
      const { runInteractive } = await import("./interactive.js");
      await runInteractive({
        service: opened.service,
        server: opened.server,
        onSignal: () => void opened.close(),
      });
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
