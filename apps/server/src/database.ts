import { chmodSync, closeSync, openSync } from "node:fs";
import Database from "better-sqlite3";

export type SqliteDatabase = Database.Database;

/** Each entry moves the schema one version up; `PRAGMA user_version` records how far a file is. */
export const MIGRATIONS: readonly string[] = [
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
  // Per-scope counts kept by triggers, so X-Total-Count costs one lookup however many tokens exist.
  `
  CREATE TABLE scope_counts (
    account_id INTEGER NOT NULL,
    space_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    permanent INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (account_id, space_id, kind, permanent)
  ) WITHOUT ROWID;
  INSERT INTO scope_counts (account_id, space_id, kind, permanent, count)
    SELECT account_id, space_id, kind, permanent, count(*) FROM stream_tokens
    GROUP BY account_id, space_id, kind, permanent;
  CREATE TRIGGER stream_tokens_counted_on_insert AFTER INSERT ON stream_tokens BEGIN
    INSERT INTO scope_counts (account_id, space_id, kind, permanent, count)
      VALUES (NEW.account_id, NEW.space_id, NEW.kind, NEW.permanent, 1)
      ON CONFLICT (account_id, space_id, kind, permanent) DO UPDATE SET count = count + 1;
  END;
  CREATE TRIGGER stream_tokens_counted_on_delete AFTER DELETE ON stream_tokens BEGIN
    UPDATE scope_counts SET count = count - 1
      WHERE account_id = OLD.account_id AND space_id = OLD.space_id AND kind = OLD.kind
        AND permanent = OLD.permanent;
  END;
  CREATE TRIGGER stream_tokens_permanence_is_fixed BEFORE UPDATE OF permanent, account_id, space_id, kind
    ON stream_tokens BEGIN
    SELECT RAISE(ABORT, 'the scope and permanence of a stream token never change');
  END;
  `,
];

/**
 * How long one statement waits for another connection's lock before SQLITE_BUSY. The wait blocks
 * the event loop, so it is short; requests retry on timers (lock-wait.ts) up to their deadline.
 */
export const SHORT_BUSY_TIMEOUT_MS = 5;
/** The wait of work that runs before the server listens, or for fixtures: blocking is fine there. */
export const BLOCKING_BUSY_TIMEOUT_MS = 10_000;

/** Runs `work` with the long, blocking busy timeout (start-up and fixtures only). */
export function withBlockingLockWait<T>(db: SqliteDatabase, work: () => T): T {
  db.pragma(`busy_timeout = ${BLOCKING_BUSY_TIMEOUT_MS}`);
  try {
    return work();
  } finally {
    db.pragma(`busy_timeout = ${SHORT_BUSY_TIMEOUT_MS}`);
  }
}

/**
 * Opens (and migrates) a database. WAL lets readers and one writer work at once, also across
 * processes; synchronous=FULL makes every committed transaction durable before it is answered.
 */
export function openDatabase(path: string): SqliteDatabase {
  if (path !== ":memory:") restrictToOwner(path);
  const db = new Database(path);
  db.pragma(`busy_timeout = ${BLOCKING_BUSY_TIMEOUT_MS}`);
  if (path !== ":memory:") db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  // 64 MiB of page cache: bulk fixtures and big scopes stay in memory instead of spilling mid-transaction.
  db.pragma("cache_size = -65536");
  // Statement journals (every insert fires a counting trigger) in memory, not in temporary files.
  db.pragma("temp_store = MEMORY");
  migrate(db);
  db.pragma(`busy_timeout = ${SHORT_BUSY_TIMEOUT_MS}`);
  return db;
}

/**
 * The database holds stream-token keys: only its owner may read it. SQLite gives the -wal and -shm
 * files the main file's mode.
 */
function restrictToOwner(path: string): void {
  closeSync(openSync(path, "a", 0o600));
  chmodSync(path, 0o600);
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
