import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import { type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from "./connections.js";
import { openDatabase } from "./database.js";
import { loadSpec } from "./spec.js";
import { type ApiTokens, Store } from "./store.js";
import { toEpochMicros } from "./time.js";

export type { ConnectionLimits } from "./connections.js";
export { DEFAULT_CONNECTION_LIMITS } from "./connections.js";
export type { ApiTokens } from "./store.js";

export interface StartServerOptions {
  /** Interface to listen on; default "127.0.0.1". */
  host?: string;
  /** Port; default 0 (a free port). */
  port?: number;
  /** A database file path or ":memory:" (the default). */
  db?: string;
  /** Create (or reuse) the demo account and return its api tokens. */
  seed?: boolean;
  /** Lifetime of temporary stream tokens; default 86400 (24 hours). */
  temporaryTtlSeconds?: number;
  /** The clock, injectable for tests; default real time. */
  now?: () => Date;
  /** Request logging (URLs redacted, no headers); default false. */
  logger?: boolean;
  /** Where request logs go when `logger` is on; default stdout. */
  logStream?: NodeJS.WritableStream;
  /** Failed authentications per client address and minute before 429; default 600. */
  authFailuresPerMinute?: number;
  /** How long a write waits for another process's lock on the database, in ms; default 10,000. */
  lockWaitMs?: number;
  /** Connection caps and the idle timeout; defaults in DEFAULT_CONNECTION_LIMITS. */
  connections?: Partial<ConnectionLimits>;
}

export interface RunningServer {
  /** "http://127.0.0.1:PORT", no trailing slash. */
  url: string;
  /** The demo account's api tokens; present when started with `seed: true`. */
  apiTokens?: ApiTokens;
  /** A new account with its own default space, a second space and the three api tokens. */
  createAccount(): ApiTokens;
  /** Bulk-inserts `count` temporary stream tokens in the scope of `apiToken`, in one transaction. */
  insertTemporaryTokens(apiToken: string, count: number): void;
  close(): Promise<void>;
}

export const DEFAULT_TEMPORARY_TTL_SECONDS = 86_400;
/** 100 years of 365 days: `expires` stays a four-digit year, a valid RFC 3339 time. */
export const MAX_TEMPORARY_TTL_SECONDS = 100 * 365 * 86_400;

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const ttl = options.temporaryTtlSeconds ?? DEFAULT_TEMPORARY_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_TEMPORARY_TTL_SECONDS)
    throw new RangeError(`temporaryTtlSeconds must be an integer from 1 to ${MAX_TEMPORARY_TTL_SECONDS}`);
  const connections = { ...DEFAULT_CONNECTION_LIMITS, ...options.connections };
  for (const [name, value] of Object.entries(connections)) {
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new RangeError(`connections.${name} must be a positive integer`);
  }
  const now = options.now ?? (() => new Date());
  const db = openDatabase(options.db ?? ":memory:");
  try {
    const store = new Store(db, { temporaryTtlSeconds: ttl, lockWaitMs: options.lockWaitMs });
    const apiTokens = options.seed ? store.ensureDemoAccount() : undefined;
    const app = await buildApp({
      store,
      spec: loadSpec(),
      now,
      logger: options.logger ?? false,
      logStream: options.logStream,
      authFailuresPerMinute: options.authFailuresPerMinute ?? 600,
      connections,
    });
    await app.listen({ host: options.host ?? "127.0.0.1", port: options.port ?? 0 });
    const address = app.server.address();
    if (address === null || typeof address === "string")
      throw new Error("the server listens on no TCP address");
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host}:${address.port}`,
      ...(apiTokens ? { apiTokens } : {}),
      createAccount: () => store.createAccount("account"),
      insertTemporaryTokens: (apiToken, count) => {
        if (!Number.isInteger(count) || count < 0)
          throw new RangeError("count must be a non-negative integer");
        const principal = store.authenticate(apiToken);
        if (!principal) throw new Error("insertTemporaryTokens: unknown api token");
        store.insertTemporaryTokens(principal, count, toEpochMicros(now()));
      },
      close: () => {
        closing ??= closeGracefully(app).then(() => {
          db.close();
        });
        return closing;
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** How long requests in flight may finish on close before their connections are cut. */
const CLOSE_GRACE_MS = 3_000;

/**
 * Stops accepting connections and lets requests in flight finish, for at most CLOSE_GRACE_MS: a
 * client that keeps a connection busy (or idle after its last answer) cannot hold shutdown up.
 */
async function closeGracefully(app: FastifyInstance): Promise<void> {
  const cut = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
  }
}
