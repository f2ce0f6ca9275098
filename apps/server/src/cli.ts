#!/usr/bin/env node
import { parseArgs } from "node:util";
import {
  DEFAULT_TEMPORARY_TTL_SECONDS,
  MAX_TEMPORARY_TTL_SECONDS,
  type RunningServer,
  startServer,
} from "./index.js";

const USAGE = `Usage: stream-tokens-server [options]

  --host HOST              interface to listen on (default 127.0.0.1)
  --port N                 port, 0 for a free one (default 8787)
  --db PATH                SQLite database file, or :memory: (default :memory:, nothing kept)
  --seed                   create or reuse the demo account and print its api tokens
  --temporary-ttl SECONDS  lifetime of temporary stream tokens, 1 to ${MAX_TEMPORARY_TTL_SECONDS} (100 years;
                           default ${DEFAULT_TEMPORARY_TTL_SECONDS})
  --log                    request logs on stderr, secrets redacted (default: on when stderr is a terminal)
  --help                   show this help

When ready, prints one JSON line to stdout: {"url": "...", "apiTokens": {...}} (apiTokens with --seed).`;

class UsageError extends Error {}

function parseCommandLine(argv: string[]) {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return {
    help: values.help === true,
    host: values.host ?? "127.0.0.1",
    port: integerFlag("--port", values.port ?? "8787", 0, 65_535),
    db: values.db ?? ":memory:",
    seed: values.seed === true,
    temporaryTtlSeconds: integerFlag(
      "--temporary-ttl",
      values["temporary-ttl"] ?? String(DEFAULT_TEMPORARY_TTL_SECONDS),
      1,
      MAX_TEMPORARY_TTL_SECONDS,
    ),
    log: values.log === true || process.stderr.isTTY === true,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      db: { type: "string" },
      seed: { type: "boolean" },
      "temporary-ttl": { type: "string" },
      log: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function integerFlag(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}

async function main(): Promise<void> {
  let flags: ReturnType<typeof parseCommandLine>;
  try {
    flags = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`stream-tokens server: ${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const server: RunningServer = await startServer({
    host: flags.host,
    port: flags.port,
    db: flags.db,
    seed: flags.seed,
    temporaryTtlSeconds: flags.temporaryTtlSeconds,
    logger: flags.log,
    logStream: process.stderr,
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stream-tokens server: error while stopping on ${signal}: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.stdout.write(
    `${JSON.stringify(server.apiTokens ? { url: server.url, apiTokens: server.apiTokens } : { url: server.url })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`stream-tokens server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
