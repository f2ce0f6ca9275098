import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Connection } from "./config.js";
import { localDatabasePath } from "./config.js";
import { CoreClient, maskSecret } from "./core.js";
import type { TokenService } from "./token-service.js";
import type { ServerInfo } from "./ui/Header.js";

export interface OpenConnection {
  service: TokenService;
  server: ServerInfo;
  /** Stops the in-process local server, if one was started. */
  close(): Promise<void>;
}

function serviceFor(apiToken: string, baseUrl: string): TokenService {
  return new CoreClient({ apiToken, baseUrl }).streams.tokens;
}

/** Connects to the configured server, or starts the local one in-process on a free loopback port. */
export async function openConnection(
  connection: Connection,
  env: NodeJS.ProcessEnv,
): Promise<OpenConnection> {
  if (connection.kind === "remote") {
    return {
      service: serviceFor(connection.apiToken, connection.baseUrl),
      server: { url: connection.baseUrl, local: false, maskedToken: maskSecret(connection.apiToken) },
      close: async () => {},
    };
  }
  const { startServer } = await import("@stream-tokens/server");
  const db = localDatabasePath(env);
  mkdirSync(dirname(db), { recursive: true, mode: 0o700 });
  const local = await startServer({ host: "127.0.0.1", port: 0, db, seed: true });
  // The database holds api tokens and keys: only its owner may read it.
  for (const file of [db, `${db}-wal`, `${db}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
  const apiToken = local.apiTokens?.account;
  if (apiToken === undefined) {
    await local.close();
    throw new Error("the local server started without a demo account");
  }
  return {
    service: serviceFor(apiToken, local.url),
    server: { url: local.url, local: true, maskedToken: maskSecret(apiToken) },
    close: () => local.close(),
  };
}
