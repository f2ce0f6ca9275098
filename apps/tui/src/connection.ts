import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Connection } from "./config.js";
import { LOCAL_CONTEXT, localDatabasePath } from "./config.js";
import { CoreClient, createLogger, maskSecret } from "./core.js";
import { httpFetch } from "./http-fetch.js";
import { loadLocalServer } from "./local-server.js";
import { runTokenCommand } from "./token-command.js";
import type { TokenService } from "./token-service.js";
import type { ServerInfo } from "./ui/Header.js";

export interface OpenConnection {
  service: TokenService;
  server: ServerInfo;
  /** Stops the in-process local server, if one was started. */
  close(): Promise<void>;
}

/** `quiet`: no log lines at all (they would tear the full-screen UI); else STREAM_TOKENS_LOG decides. */
function serviceFor(apiToken: string, baseUrl: string, quiet: boolean): TokenService {
  const logger = quiet ? { logger: createLogger({ level: "off" }) } : {};
  return new CoreClient({ apiToken, baseUrl, fetch: httpFetch, ...logger }).streams.tokens;
}

/** Connects to the configured server, or starts the local one in-process on a free loopback port. */
export async function openConnection(
  connection: Connection,
  env: NodeJS.ProcessEnv,
  { quiet }: { quiet: boolean },
): Promise<OpenConnection> {
  if (connection.kind !== "local") {
    const apiToken =
      connection.kind === "remote"
        ? connection.apiToken
        : await runTokenCommand(connection.context, connection.tokenCommand, connection.timeoutMs);
    return {
      service: serviceFor(apiToken, connection.baseUrl, quiet),
      server: {
        context: connection.context,
        url: connection.baseUrl,
        local: false,
        maskedToken: maskSecret(apiToken),
      },
      close: async () => {},
    };
  }
  const { startServer } = await loadLocalServer();
  const db = localDatabasePath(env);
  mkdirSync(dirname(db), { recursive: true, mode: 0o700 });
  const local = await startServer({ host: "127.0.0.1", port: 0, db, seed: true });
  const apiToken = local.apiTokens?.account;
  if (apiToken === undefined) {
    await local.close();
    throw new Error("the local server started without a demo account");
  }
  let closing: Promise<void> | undefined;
  return {
    service: serviceFor(apiToken, local.url, quiet),
    server: { context: LOCAL_CONTEXT, url: local.url, local: true, maskedToken: maskSecret(apiToken) },
    // Once: the UI closes every connection it opened, and the command line closes the first again.
    close: () => {
      closing ??= local.close();
      return closing;
    },
  };
}
