import { limits, type StreamToken } from "@stream-tokens/api-types";
import { type SqliteDatabase, withBlockingLockWait } from "./database.js";
import { notFound, permanentLimitReached } from "./errors.js";
import { LOCK_WAIT_DEADLINE_MS, retryWhileLocked } from "./lock-wait.js";
import { hashApiToken, newApiToken, newStreamKey, newStreamKeys } from "./secrets.js";
import { type EpochMicros, formatDateTime } from "./time.js";

export type ApiTokenKind = "account" | "space" | "manager";

/** Who is calling: the scope and kind every read and write is confined to. */
export interface Principal {
  accountId: number;
  spaceId: number;
  kind: ApiTokenKind;
}

export interface ApiTokens {
  account: string;
  space: string;
  manager: string;
}

/** `permanent` filter of lists and bulk deletes: undefined selects both kinds. */
export type PermanenceFilter = boolean | undefined;

export interface StoreOptions {
  temporaryTtlSeconds: number;
  /** How long a write waits for another connection's lock; default LOCK_WAIT_DEADLINE_MS. */
  lockWaitMs?: number | undefined;
}

interface StreamTokenRow {
  id: number;
  key: string;
  is_active: number;
  created_us: number;
  expires_us: number | null;
}

const TOKEN_COLUMNS = "id, key, is_active, created_us, expires_us";
const SCOPE = "account_id = @accountId AND space_id = @spaceId AND kind = @kind";
const SCOPE_POSITIONAL = "account_id = ? AND space_id = ? AND kind = ?";

/**
 * All SQL of the server. Every method is one transaction; writes run with BEGIN IMMEDIATE and, while
 * another connection holds the write lock, are retried on timers (retryWhileLocked) up to the lock
 * wait, so a waiting write never blocks the event loop. Fixture and start-up methods block instead.
 */
export class Store {
  readonly #db: SqliteDatabase;
  readonly #ttlMicros: number;
  readonly #lockWaitMs: number;
  readonly #principals = new Map<string, Principal>();
  readonly #statements;

  constructor(db: SqliteDatabase, options: StoreOptions) {
    this.#db = db;
    this.#ttlMicros = options.temporaryTtlSeconds * 1_000_000;
    this.#lockWaitMs = options.lockWaitMs ?? LOCK_WAIT_DEADLINE_MS;
    this.#statements = {
      principalByHash: db.prepare("SELECT account_id, space_id, kind FROM api_tokens WHERE token_hash = ?"),
      insert: db.prepare(
        `INSERT INTO stream_tokens (key, account_id, space_id, kind, is_active, permanent, created_us, expires_us)
         VALUES (@key, @accountId, @spaceId, @kind, 1, @permanent, @createdUs, @expiresUs)
         RETURNING ${TOKEN_COLUMNS}`,
      ),
      insertBulk: db.prepare(
        `INSERT INTO stream_tokens (key, account_id, space_id, kind, is_active, permanent, created_us, expires_us)
         VALUES (?, ?, ?, ?, 1, 0, ?, ?)`,
      ),
      byId: db.prepare(`SELECT ${TOKEN_COLUMNS} FROM stream_tokens WHERE id = ? AND ${SCOPE_POSITIONAL}`),
      byKey: db.prepare(`SELECT ${TOKEN_COLUMNS} FROM stream_tokens WHERE key = ? AND ${SCOPE_POSITIONAL}`),
      updateById: db.prepare(
        `UPDATE stream_tokens SET is_active = @isActive WHERE id = @id AND ${SCOPE} RETURNING ${TOKEN_COLUMNS}`,
      ),
      updateByKey: db.prepare(
        `UPDATE stream_tokens SET is_active = @isActive WHERE key = @key AND ${SCOPE} RETURNING ${TOKEN_COLUMNS}`,
      ),
      deleteById: db.prepare(`DELETE FROM stream_tokens WHERE id = @id AND ${SCOPE}`),
      deleteByKey: db.prepare(`DELETE FROM stream_tokens WHERE key = @key AND ${SCOPE}`),
      // One statement, so the page and its total come from one snapshot without a transaction.
      listAll: db.prepare(
        `SELECT ${TOKEN_COLUMNS}, (SELECT coalesce(sum(count), 0) FROM scope_counts WHERE ${SCOPE}) AS total
         FROM stream_tokens WHERE ${SCOPE}
         ORDER BY created_us DESC, id DESC LIMIT @limit OFFSET @offset`,
      ),
      listByPermanence: db.prepare(
        `SELECT ${TOKEN_COLUMNS},
           (SELECT coalesce(sum(count), 0) FROM scope_counts WHERE ${SCOPE} AND permanent = @permanent) AS total
         FROM stream_tokens WHERE ${SCOPE} AND permanent = @permanent
         ORDER BY created_us DESC, id DESC LIMIT @limit OFFSET @offset`,
      ),
      countAll: db.prepare(`SELECT coalesce(sum(count), 0) FROM scope_counts WHERE ${SCOPE}`).pluck(),
      countByPermanence: db
        .prepare(`SELECT coalesce(sum(count), 0) FROM scope_counts WHERE ${SCOPE} AND permanent = @permanent`)
        .pluck(),
      deleteAll: db.prepare(`DELETE FROM stream_tokens WHERE ${SCOPE}`),
      deleteByPermanence: db.prepare(`DELETE FROM stream_tokens WHERE ${SCOPE} AND permanent = @permanent`),
      insertAccount: db.prepare("INSERT INTO accounts (name, is_demo) VALUES (?, ?)"),
      insertSpace: db.prepare("INSERT INTO spaces (account_id, name) VALUES (?, ?)"),
      insertApiToken: db.prepare(
        "INSERT INTO api_tokens (token_hash, kind, account_id, space_id, demo_plaintext) VALUES (?, ?, ?, ?, ?)",
      ),
      demoAccount: db.prepare("SELECT id FROM accounts WHERE is_demo = 1").pluck(),
      demoApiTokens: db.prepare("SELECT kind, demo_plaintext FROM api_tokens WHERE account_id = ?"),
    };
  }

  /** The principal of an api token, or undefined when the token is unknown. Looked up by hash. */
  authenticate(apiToken: string): Principal | undefined {
    const hash = hashApiToken(apiToken);
    const cached = this.#principals.get(hash);
    if (cached) return cached;
    const row: unknown = this.#statements.principalByHash.get(Buffer.from(hash, "base64"));
    if (!isRecord(row)) return undefined;
    const { account_id: accountId, space_id: spaceId, kind } = row;
    if (typeof accountId !== "number" || typeof spaceId !== "number" || !isApiTokenKind(kind)) {
      throw new Error("api_tokens holds a malformed row");
    }
    const principal: Principal = { accountId, spaceId, kind };
    this.#principals.set(hash, principal);
    return principal;
  }

  /** Creates a token; a permanent one only while the scope holds fewer than the spec's limit. */
  async create(principal: Principal, permanent: boolean, now: EpochMicros): Promise<StreamToken> {
    const run = this.#db.transaction(() => {
      if (permanent) {
        const count = Number(this.#statements.countByPermanence.get({ ...principal, permanent: 1 }));
        if (count >= limits.permanentTokens) throw permanentLimitReached();
      }
      return this.#statements.insert.get({
        ...principal,
        key: newStreamKey(),
        permanent: permanent ? 1 : 0,
        createdUs: now,
        expiresUs: permanent ? null : now + this.#ttlMicros,
      });
    });
    // IMMEDIATE takes the write lock before counting, so two processes cannot both see room for one;
    // scope_counts is kept by triggers inside that same transaction.
    return toStreamToken(await this.#write(() => run.immediate()));
  }

  get(principal: Principal, idOrKey: string): StreamToken {
    const ref = parseIdOrKey(idOrKey);
    const { accountId, spaceId, kind } = principal;
    const row =
      ref.id !== undefined
        ? this.#statements.byId.get(ref.id, accountId, spaceId, kind)
        : this.#statements.byKey.get(ref.key, accountId, spaceId, kind);
    if (row === undefined) throw notFound();
    return toStreamToken(row);
  }

  async setActive(principal: Principal, idOrKey: string, isActive: boolean): Promise<StreamToken> {
    const ref = parseIdOrKey(idOrKey);
    const params = { ...principal, isActive: isActive ? 1 : 0 };
    const run = this.#db.transaction(() =>
      ref.id !== undefined
        ? this.#statements.updateById.get({ ...params, id: ref.id })
        : this.#statements.updateByKey.get({ ...params, key: ref.key }),
    );
    const row = await this.#write(() => run.immediate());
    if (row === undefined) throw notFound();
    return toStreamToken(row);
  }

  async delete(principal: Principal, idOrKey: string): Promise<void> {
    const ref = parseIdOrKey(idOrKey);
    const run = this.#db.transaction(() =>
      ref.id !== undefined
        ? this.#statements.deleteById.run({ ...principal, id: ref.id })
        : this.#statements.deleteByKey.run({ ...principal, key: ref.key }),
    );
    if ((await this.#write(() => run.immediate())).changes === 0) throw notFound();
  }

  async deleteMany(principal: Principal, permanent: PermanenceFilter): Promise<void> {
    const run = this.#db.transaction(() =>
      permanent === undefined
        ? this.#statements.deleteAll.run(principal)
        : this.#statements.deleteByPermanence.run({ ...principal, permanent: permanent ? 1 : 0 }),
    );
    await this.#write(() => run.immediate());
  }

  /** One page, newest first, and the number of tokens matching the filter (one read snapshot). */
  list(
    principal: Principal,
    permanent: PermanenceFilter,
    limit: number,
    offset: number,
  ): { tokens: StreamToken[]; total: number } {
    const s = this.#statements;
    const filter = permanent === undefined ? undefined : { ...principal, permanent: permanent ? 1 : 0 };
    const rows = filter
      ? s.listByPermanence.all({ ...filter, limit, offset })
      : s.listAll.all({ ...principal, limit, offset });
    const first: unknown = rows[0];
    if (first === undefined) {
      // An empty page (past the end, or an empty scope) carries no total column: count on its own.
      const total = filter ? s.countByPermanence.get(filter) : s.countAll.get(principal);
      return { tokens: [], total: Number(total) };
    }
    const total = isRecord(first) ? first.total : undefined;
    if (typeof total !== "number") throw new Error("a list row came without its total");
    return { tokens: rows.map(toStreamToken), total };
  }

  /** A new account with its "default" space, a second space and one api token of each kind. */
  createAccount(name: string): ApiTokens {
    const run = this.#db.transaction(() => this.#insertAccount(name, false));
    return withBlockingLockWait(this.#db, () => run.immediate());
  }

  /** The demo account's api tokens, creating the account on first use. */
  ensureDemoAccount(): ApiTokens {
    const run = this.#db.transaction((): ApiTokens => {
      const accountId: unknown = this.#statements.demoAccount.get();
      if (typeof accountId !== "number") return this.#insertAccount("demo", true);
      const tokens: Partial<ApiTokens> = {};
      for (const row of this.#statements.demoApiTokens.all(accountId)) {
        if (isRecord(row) && isApiTokenKind(row.kind) && typeof row.demo_plaintext === "string") {
          tokens[row.kind] = row.demo_plaintext;
        }
      }
      if (!tokens.account || !tokens.space || !tokens.manager) {
        throw new Error("the demo account's api tokens are incomplete in this database");
      }
      return { account: tokens.account, space: tokens.space, manager: tokens.manager };
    });
    return withBlockingLockWait(this.#db, () => run.immediate());
  }

  /** Bulk-inserts `count` temporary tokens in one transaction (a fixture for tests and benchmarks). */
  insertTemporaryTokens(principal: Principal, count: number, now: EpochMicros): void {
    const keys = newStreamKeys(count);
    const insertBulk = this.#statements.insertBulk;
    const run = this.#db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const createdUs = now - (count - i);
        const { accountId, spaceId, kind } = principal;
        insertBulk.run(keys[i], accountId, spaceId, kind, createdUs, createdUs + this.#ttlMicros);
      }
    });
    withBlockingLockWait(this.#db, () => run.immediate());
  }

  /** One write transaction, retried on timers while another connection holds the lock. */
  #write<T>(transaction: () => T): Promise<T> {
    return retryWhileLocked(transaction, this.#lockWaitMs);
  }

  #insertAccount(name: string, demo: boolean): ApiTokens {
    const s = this.#statements;
    const accountId = Number(s.insertAccount.run(name, demo ? 1 : 0).lastInsertRowid);
    const defaultSpaceId = Number(s.insertSpace.run(accountId, "default").lastInsertRowid);
    const secondSpaceId = Number(s.insertSpace.run(accountId, "second").lastInsertRowid);
    const tokens: ApiTokens = { account: newApiToken(), space: newApiToken(), manager: newApiToken() };
    const scopes: [ApiTokenKind, number][] = [
      ["account", defaultSpaceId],
      ["space", secondSpaceId],
      ["manager", defaultSpaceId],
    ];
    for (const [kind, spaceId] of scopes) {
      s.insertApiToken.run(
        Buffer.from(hashApiToken(tokens[kind]), "base64"),
        kind,
        accountId,
        spaceId,
        demo ? tokens[kind] : null,
      );
    }
    return tokens;
  }
}

/** An all-digits value is an id, anything else a key. */
function parseIdOrKey(idOrKey: string): { id: number; key?: undefined } | { id?: undefined; key: string } {
  if (/^[0-9]+$/.test(idOrKey)) {
    const id = Number(idOrKey);
    // An id beyond any stored one cannot exist; -1 matches nothing.
    return { id: Number.isSafeInteger(id) ? id : -1 };
  }
  return { key: idOrKey };
}

function toStreamToken(row: unknown): StreamToken {
  if (!isStreamTokenRow(row)) throw new Error("stream_tokens holds a malformed row");
  return {
    id: row.id,
    key: row.key,
    is_active: row.is_active === 1,
    created: formatDateTime(row.created_us),
    expires: row.expires_us === null ? null : formatDateTime(row.expires_us),
  };
}

function isStreamTokenRow(row: unknown): row is StreamTokenRow {
  return (
    isRecord(row) &&
    typeof row.id === "number" &&
    typeof row.key === "string" &&
    typeof row.is_active === "number" &&
    typeof row.created_us === "number" &&
    (row.expires_us === null || typeof row.expires_us === "number")
  );
}

function isApiTokenKind(value: unknown): value is ApiTokenKind {
  return value === "account" || value === "space" || value === "manager";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
