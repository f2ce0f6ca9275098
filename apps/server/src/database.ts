import Database from "better-sqlite3";

export type SqliteDatabase = Database.Database;

/** Each entry moves the schema one version up; `PRAGMA user_version` records how far a file is. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    is_demo INTEGER NOT NULL DEFAULT 0
  );
  CREATE UNIQUE INDEX accounts_one_demo ON accounts (is_demo) WHERE is_demo = 1;

  CREATE TABLE spaces (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    name TEXT NOT NULL,
    UNIQUE (account_id, name)
  );

  CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    token_hash BLOB NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('account', 'space', 'manager')),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    space_id INTEGER NOT NULL REFERENCES spaces (id),
    -- Only the demo account's tokens keep their plaintext, so that --seed can print them again.
    demo_plaintext TEXT
  );

  CREATE TABLE stream_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    account_id INTEGER NOT NULL,
    space_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    is_active INTEGER NOT NULL DEFAULT 1,
    permanent INTEGER NOT NULL,
    created_us INTEGER NOT NULL,
    expires_us INTEGER
  );
  CREATE INDEX stream_tokens_by_scope
    ON stream_tokens (account_id, space_id, kind, created_us DESC, id DESC);
  CREATE INDEX stream_tokens_by_scope_and_permanence
    ON stream_tokens (account_id, space_id, kind, permanent, created_us DESC, id DESC);
  `,
];

export const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens (and migrates) a database. WAL lets readers and one writer work at once, also across
 * processes; synchronous=FULL makes every committed transaction durable before it is answered.
 */
export function openDatabase(path: string): SqliteDatabase {
  const db = new Database(path);
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (path !== ":memory:") db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  migrate(db);
  return db;
}

function migrate(db: SqliteDatabase): void {
  const run = db.transaction(() => {
    const current = Number(db.pragma("user_version", { simple: true }));
    if (current > MIGRATIONS.length) {
      throw new Error(`the database schema (version ${current}) is newer than this server knows`);
    }
    for (let version = current; version < MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version] ?? "");
      db.pragma(`user_version = ${version + 1}`);
    }
  });
  run.immediate();
}
