import { useStarted } from "@stream-tokens/testkit/fixtures";
import type { FastifyInstance } from "fastify";
import { afterEach } from "vitest";
import { buildApp } from "../src/app.js";
import { openDatabase, type SqliteDatabase } from "../src/database.js";
import {
  DEFAULT_CONNECTION_LIMITS,
  DEFAULT_TEMPORARY_TTL_SECONDS,
  type RunningServer,
  type StartServerOptions,
  startServer,
} from "../src/index.js";
import { type LoadedSpec, loadSpec } from "../src/spec.js";
import { Store } from "../src/store.js";

export { demoTokens, useTempDir } from "@stream-tokens/testkit/fixtures";

/** A server on a free port with a fresh in-memory database for one test file, closed afterwards. */
export function useServer(options: StartServerOptions = {}): () => RunningServer {
  return useStarted(() => startServer({ seed: true, ...options }));
}

/**
 * Builds the app (not listening yet) from a spec on a fresh in-memory database, with the defaults
 * startServer uses; each app and its database are closed after the test that built it.
 */
export function useApps(): (spec?: LoadedSpec) => Promise<{ app: FastifyInstance; store: Store }> {
  const opened: { db: SqliteDatabase; app?: FastifyInstance }[] = [];
  afterEach(async () => {
    for (const { db, app } of opened.splice(0)) {
      await app?.close();
      db.close();
    }
  });
  return async (spec = loadSpec()) => {
    const db = openDatabase(":memory:");
    const entry: { db: SqliteDatabase; app?: FastifyInstance } = { db };
    opened.push(entry);
    const store = new Store(db, { temporaryTtlSeconds: DEFAULT_TEMPORARY_TTL_SECONDS });
    const app = await buildApp({
      store,
      spec,
      now: () => new Date(),
      logger: false,
      authFailuresPerMinute: 600,
      connections: DEFAULT_CONNECTION_LIMITS,
    });
    entry.app = app;
    return { app, store };
  };
}
