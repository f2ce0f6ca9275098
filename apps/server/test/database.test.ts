import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, openDatabase } from "../src/database.js";
import { startServer } from "../src/index.js";
import { TokenApi } from "./http.js";
import { useTempDir } from "./servers.js";

const tempDir = useTempDir();

describe("storage", () => {
  it("migrates a database of schema version 1 and counts the tokens it already holds", async () => {
    const file = join(tempDir(), "v1.db");
    const old = new Database(file);
    old.exec(MIGRATIONS[0] ?? "");
    old.pragma("user_version = 1");
    const insert = old.prepare(
      "INSERT INTO stream_tokens (key, account_id, space_id, kind, permanent, created_us, expires_us) VALUES (?, 1, 1, 'account', ?, 0, NULL)",
    );
    for (let i = 0; i < 7; i++) insert.run(`st_old${i}`, i < 2 ? 1 : 0);
    old.close();

    const db = openDatabase(file);
    try {
      expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
      const counts = db.prepare("SELECT permanent, count FROM scope_counts ORDER BY permanent").all();
      expect(counts).toEqual([
        { permanent: 0, count: 5 },
        { permanent: 1, count: 2 },
      ]);
    } finally {
      db.close();
    }
  });

  it("waits for another process's write lock instead of answering SQLITE_BUSY", async () => {
    const file = join(tempDir(), "locked.db");
    const server = await startServer({ db: file, seed: true });
    try {
      // Another process takes the write lock and keeps it for 1.5 s.
      const betterSqlite = createRequire(import.meta.url).resolve("better-sqlite3");
      const holder = spawn(
        process.execPath,
        [
          "-e",
          `const db = new (require(${JSON.stringify(betterSqlite)}))(${JSON.stringify(file)});
           db.exec("BEGIN IMMEDIATE"); process.stdout.write("locked\\n");
           Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
           db.exec("COMMIT"); db.close();`,
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      const holderExited = new Promise((resolve) => holder.once("exit", resolve));
      await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));
      const api = new TokenApi(server.url, server.apiTokens?.account ?? "");
      const responses = await Promise.all([
        api.create(true),
        api.create(false),
        api.deleteList("permanent=false"),
      ]);
      expect(responses.map((r) => r.status)).toEqual([201, 201, 204]);
      expect(await holderExited).toBe(0);
    } finally {
      await server.close();
    }
  });

  it("refuses a database whose schema is newer than the server", () => {
    const file = join(tempDir(), "future.db");
    const future = new Database(file);
    future.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    future.close();
    expect(() => openDatabase(file)).toThrow(/newer/);
  });

  it("bulk-inserts 100,000 temporary tokens in one call and lists them with the right total", async () => {
    const server = await startServer({ db: join(tempDir(), "bulk.db"), seed: true });
    try {
      const apiToken = server.apiTokens?.space ?? "";
      server.insertTemporaryTokens(apiToken, 100_000);
      const api = new TokenApi(server.url, apiToken);
      const page = await api.list("limit=100&offset=99950");
      expect(page.headers["x-total-count"]).toBe("100000");
      expect((page.body as unknown[]).length).toBe(50);
      expect((await api.list("permanent=true")).headers["x-total-count"]).toBe("0");
      expect((await api.deleteList("permanent=false")).status).toBe(204);
      expect((await api.list()).headers["x-total-count"]).toBe("0");
      expect(() => server.insertTemporaryTokens("at_unknown", 1)).toThrow(/unknown api token/);
    } finally {
      await server.close();
    }
  });
});
