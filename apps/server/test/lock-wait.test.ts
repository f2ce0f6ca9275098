import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase, SHORT_BUSY_TIMEOUT_MS } from "../src/database.js";
import { startServer } from "../src/index.js";
import { errorCodesOf, type HttpResponse, rawRequest, TokenApi } from "./http.js";
import { demoTokens, useTempDir } from "./servers.js";

const tempDir = useTempDir();
/** Generous: an answer slower than this while the lock is held means the event loop is blocked. */
const ANSWER_BOUND_MS = 5_000;

/** A second connection to the file holding the write lock, as another server process would. */
function holdWriteLock(file: string): { release(): void } {
  const other = new Database(file);
  other.exec("BEGIN IMMEDIATE");
  return {
    release: () => {
      other.exec("ROLLBACK");
      other.close();
    },
  };
}

/** Whether `promise` settled by now (after the timers and I/O already due have run). */
async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe("a write waiting for another connection's lock", () => {
  it("does not block the event loop: /healthz and reads answer while it waits, and it completes after", async () => {
    const file = join(tempDir(), "locked.db");
    const server = await startServer({ db: file, seed: true });
    try {
      const api = new TokenApi(server.url, demoTokens(server).account);
      const existing = await api.createToken();
      const lock = holdWriteLock(file);
      let waiting: Promise<HttpResponse> | undefined;
      try {
        waiting = api.create(true);
        const options = { timeoutMs: ANSWER_BOUND_MS };
        for (let i = 0; i < 5; i++) {
          const health = await rawRequest(server.url, { method: "GET", path: "/healthz" }, options);
          expect(health.status).toBe(200);
          expect((await api.get(existing.id)).status).toBe(200);
          expect(await hasSettled(waiting), "the create still waits for the lock").toBe(false);
        }
      } finally {
        lock.release();
      }
      const created = await waiting;
      expect(created.status).toBe(201);
      expect(await api.all()).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it("gives up at its deadline with 500 / 1900 and changes nothing", async () => {
    const file = join(tempDir(), "deadline.db");
    const server = await startServer({ db: file, seed: true, lockWaitMs: 300 });
    try {
      const api = new TokenApi(server.url, demoTokens(server).account);
      const lock = holdWriteLock(file);
      let refused: HttpResponse;
      try {
        refused = await api.create(true);
      } finally {
        lock.release();
      }
      expect(refused.status).toBe(500);
      expect(errorCodesOf(refused)).toEqual([1900]);
      expect(refused.text).not.toMatch(/sqlite|SQL/i);
      expect(await api.all()).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("blocks each attempt for the short busy timeout only", () => {
    const db = openDatabase(join(tempDir(), "pragmas.db"));
    try {
      expect(Number(db.pragma("busy_timeout", { simple: true }))).toBe(SHORT_BUSY_TIMEOUT_MS);
    } finally {
      db.close();
    }
  });
});
