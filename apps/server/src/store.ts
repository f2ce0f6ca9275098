import type { CreateStreamTokenBody, StreamToken, UpdateStreamTokenBody } from "@stream-tokens/api-types";
import { limits } from "@stream-tokens/api-types";
import { type SqliteDatabase, withBlockingLockWait } from "./database.js";
import { notFound, permanentLimitReached } from "./errors.js";
import { LOCK_WAIT_DEADLINE_MS, retryWhileLocked } from "./lock-wait.js";
import { hashApiToken, newApiToken, newStreamKey, newStreamKeys } from "./secrets.js";
import type { EpochMicros } from "./time.js";
import {
  createColumns,
  everyFieldHandled,
  TOKEN_COLUMNS,
  tokenFromRow,
  updateColumns,
} from "./token-mapping.js";

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

const COLUMNS = TOKEN_COLUMNS.join(", ");
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
  /** The rows of one page and its total, in one read transaction (prepared once: lists are hot). */
  readonly #readPage: (
    principal: Principal,
    permanent: PermanenceFilter,
    limit: number,
    offset: number,
  ) => { rows: unknown[]; total: unknown };

  constructor(db: SqliteDatabase, options: StoreOptions) {
    this.#db = db;
    this.#ttlMicros = options.temporaryTtlSeconds * 1_000_000;
    this.#lockWaitMs = options.lockWaitMs ?? LOCK_WAIT_DEADLINE_MS;
    this.#statements = {
      principalByHash: db.prepare("SELECT account_id, space_id, kind FROM api_tokens WHERE token_hash = ?"),
      insert: db
        .prepare(
          `INSERT INTO stream_tokens (key, account_id, space_id, kind, is_active, permanent, created_us, expires_us)
           VALUES (?, ?, ?, ?, 1, ?, ?, ?) RETURNING ${COLUMNS}`,
        )
        .raw(),
      insertBulk: db.prepare(
        `INSERT INTO stream_tokens (key, account_id, space_id, kind, is_active, permanent, created_us, expires_us)
         VALUES (?, ?, ?, ?, 1, 0, ?, ?)`,
      ),
      byId: db.prepare(`SELECT ${COLUMNS} FROM stream_tokens WHERE id = ? AND ${SCOPE_POSITIONAL}`).raw(),
      byKey: db.prepare(`SELECT ${COLUMNS} FROM stream_tokens WHERE key = ? AND ${SCOPE_POSITIONAL}`).raw(),
      updateById: db
        .prepare(
          `UPDATE stream_tokens SET is_active = ? WHERE id = ? AND ${SCOPE_POSITIONAL} RETURNING ${COLUMNS}`,
        )
        .raw(),
      updateByKey: db
        .prepare(
          `UPDATE stream_tokens SET is_active = ? WHERE key = ? AND ${SCOPE_POSITIONAL} RETURNING ${COLUMNS}`,
        )
        .raw(),
      deleteById: db.prepare(`DELETE FROM stream_tokens WHERE id = @id AND ${SCOPE}`),
      deleteByKey: db.prepare(`DELETE FROM stream_tokens WHERE key = @key AND ${SCOPE}`),
      // Positional parameters and rows as arrays: a page is 20 rows, read on every list.
      listAll: db
        .prepare(
          `SELECT ${COLUMNS} FROM stream_tokens WHERE ${SCOPE_POSITIONAL}
           ORDER BY created_us DESC, id DESC LIMIT ? OFFSET ?`,
        )
        .raw(),
      listByPermanence: db
        .prepare(
          `SELECT ${COLUMNS} FROM stream_tokens WHERE ${SCOPE_POSITIONAL} AND permanent = ?
           ORDER BY created_us DESC, id DESC LIMIT ? OFFSET ?`,
        )
        .raw(),
      countAll: db
        .prepare(`SELECT coalesce(sum(count), 0) FROM scope_counts WHERE ${SCOPE_POSITIONAL}`)
        .pluck(),
      countByPermanence: db
        .prepare(
          `SELECT coalesce(sum(count), 0) FROM scope_counts WHERE ${SCOPE_POSITIONAL} AND permanent = ?`,
        )
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
    const s = this.#statements;
    this.#readPage = db.transaction(
      (
        { accountId, spaceId, kind }: Principal,
        permanent: PermanenceFilter,
        limit: number,
        offset: number,
      ) => {
        if (permanent === undefined) {
          return {
            rows: s.listAll.all(accountId, spaceId, kind, limit, offset),
            total: s.countAll.get(accountId, spaceId, kind),
          };
        }
        const flag = permanent ? 1 : 0;
        return {
          rows: s.listByPermanence.all(accountId, spaceId, kind, flag, limit, offset),
          total: s.countByPermanence.get(accountId, spaceId, kind, flag),
        };
      },
    );
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

  /** Creates a token from a create body; a permanent one only while the scope holds fewer than the spec's limit. */
  async create(
    principal: Principal,
    body: CreateStreamTokenBody | undefined,
    now: EpochMicros,
  ): Promise<StreamToken> {
    const { permanent, ...unwritten } = createColumns(body);
    // A column that createColumns gains fails here until the INSERT below writes it.
    everyFieldHandled(unwritten);
    const { accountId, spaceId, kind } = principal;
    const s = this.#statements;
    const run = this.#db.transaction(() => {
      if (permanent) {
        const count = Number(s.countByPermanence.get(accountId, spaceId, kind, 1));
        if (count >= limits.permanentTokens) throw permanentLimitReached();
      }
      const expires = permanent ? null : now + this.#ttlMicros;
      return s.insert.get(newStreamKey(), accountId, spaceId, kind, permanent ? 1 : 0, now, expires);
    });
    // IMMEDIATE takes the write lock before counting, so two processes cannot both see room for one;
    // scope_counts is kept by triggers inside that same transaction.
    return tokenOf(await this.#write(() => run.immediate()));
  }

  get(principal: Principal, idOrKey: string): StreamToken {
    const ref = parseIdOrKey(idOrKey);
    const { accountId, spaceId, kind } = principal;
    const row =
      ref.id !== undefined
        ? this.#statements.byId.get(ref.id, accountId, spaceId, kind)
        : this.#statements.byKey.get(ref.key, accountId, spaceId, kind);
    if (row === undefined) throw notFound();
    return tokenOf(row);
  }

  /** Applies an update body (the PATCH form or the PUT JSON) to one token. */
  async update(principal: Principal, idOrKey: string, body: UpdateStreamTokenBody): Promise<StreamToken> {
    const { isActive, ...unwritten } = updateColumns(body);
    // A column that updateColumns gains fails here until the UPDATE below writes it.
    everyFieldHandled(unwritten);
    const ref = parseIdOrKey(idOrKey);
    const { accountId, spaceId, kind } = principal;
    const active = isActive ? 1 : 0;
    const run = this.#db.transaction(() =>
      ref.id !== undefined
        ? this.#statements.updateById.get(active, ref.id, accountId, spaceId, kind)
        : this.#statements.updateByKey.get(active, ref.key, accountId, spaceId, kind),
    );
    const row = await this.#write(() => run.immediate());
    if (row === undefined) throw notFound();
    return tokenOf(row);
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

  /**
   * One page, newest first, and the number of tokens matching the filter, read in one transaction
   * (one snapshot, also while another process writes).
   */
  list(
    principal: Principal,
    permanent: PermanenceFilter,
    limit: number,
    offset: number,
  ): { tokens: StreamToken[]; total: number } {
    const { rows, total } = this.#readPage(principal, permanent, limit, offset);
    return { tokens: rows.map(tokenOf), total: Number(total) };
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

/** A token from a row of `.raw()` statements over TOKEN_COLUMNS. */
function tokenOf(row: unknown): StreamToken {
  if (!Array.isArray(row)) throw new Error("stream_tokens holds a malformed row");
  return tokenFromRow(row);
}

function isApiTokenKind(value: unknown): value is ApiTokenKind {
  return value === "account" || value === "space" || value === "manager";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
