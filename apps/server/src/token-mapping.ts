import type { CreateStreamTokenBody, StreamToken, UpdateStreamTokenBody } from "@stream-tokens/api-types";
import { formatDateTime } from "./time.js";

/**
 * Where each field of the spec's StreamToken and of its request bodies lives in the database. The
 * compiler keeps this file honest: a new field of `StreamToken` fails the typecheck in
 * STREAM_TOKEN_FIELDS, and a new field of a create or update body fails it in `createColumns` or
 * `updateColumns`, until the field is stored (its column added by a migration in database.ts,
 * which test/token-mapping.test.ts checks) and returned, or declared as not stored.
 */

/** A field kept in a column of stream_tokens, and how the column's value (as SQLite hands it back) reads back. */
interface StoredField<T> {
  column: string;
  read(value: unknown): T;
}

/** A field that is answered without being stored, and why. */
interface NotStoredField<T> {
  notStored: string;
  value(): T;
}

export type FieldMapping<T> = StoredField<T> | NotStoredField<T>;

/** A mapping for every field of a token type (StreamToken here; tests check the rule with others). */
export type TokenFieldMappings<Token> = { [K in keyof Token]-?: FieldMapping<Token[K]> };

export const STREAM_TOKEN_FIELDS = {
  id: { column: "id", read: integer },
  key: { column: "key", read: text },
  is_active: { column: "is_active", read: (value) => integer(value) === 1 },
  created: { column: "created_us", read: (value) => formatDateTime(integer(value)) },
  expires: {
    column: "expires_us",
    read: (value) => (value === null ? null : formatDateTime(integer(value))),
  },
} satisfies TokenFieldMappings<StreamToken>;

type TokenField = keyof typeof STREAM_TOKEN_FIELDS;

const FIELD_NAMES = Object.keys(STREAM_TOKEN_FIELDS).filter(isTokenField);
const mappingOf = (name: TokenField): FieldMapping<unknown> => STREAM_TOKEN_FIELDS[name];

/** The columns a token is read from, in the order `tokenFromRow` expects them (for SELECT and RETURNING). */
export const TOKEN_COLUMNS: readonly string[] = FIELD_NAMES.flatMap((name) => {
  const mapping = mappingOf(name);
  return "column" in mapping ? [mapping.column] : [];
});

/** Per field, in StreamToken's order: how to read it from a row (by column index) or make it. */
const READERS = FIELD_NAMES.map((name) => {
  const mapping = mappingOf(name);
  if (!("column" in mapping)) return { name, read: () => mapping.value() };
  const index = TOKEN_COLUMNS.indexOf(mapping.column);
  return { name, read: (row: readonly unknown[]) => mapping.read(row[index] ?? null) };
});

/** A token from a row read with `.raw()` over TOKEN_COLUMNS; each field's reader checks its value. */
export function tokenFromRow(row: readonly unknown[]): StreamToken {
  if (row.length !== TOKEN_COLUMNS.length)
    throw new Error("a stream_tokens row has the wrong number of columns");
  const token: Record<string, unknown> = {};
  for (const { name, read } of READERS) token[name] = read(row);
  // Every key of StreamToken was set above by its mapping, whose type STREAM_TOKEN_FIELDS checks.
  return token as StreamToken;
}

/** What a create stores, from its body (absent: a temporary token). */
export interface CreateColumns {
  permanent: boolean;
}

export function createColumns(body: CreateStreamTokenBody | undefined): CreateColumns {
  const { permanent = false, ...unhandled } = body ?? {};
  everyFieldHandled(unhandled);
  return { permanent };
}

/** What an update stores, from its body (the PATCH form and the PUT JSON carry the same fields). */
export interface UpdateColumns {
  isActive: boolean;
}

export function updateColumns(body: UpdateStreamTokenBody): UpdateColumns {
  const { is_active: isActive, ...unhandled } = body;
  everyFieldHandled(unhandled);
  return { isActive };
}

/** Compiles only when the rest of a body is empty: each body field was stored or declared not stored. */
export function everyFieldHandled(_unhandled: Record<string, never>): void {}

function isTokenField(name: string): name is TokenField {
  return Object.hasOwn(STREAM_TOKEN_FIELDS, name);
}

function integer(value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value))
    throw new Error("stream_tokens holds a malformed row");
  return value;
}

function text(value: unknown): string {
  if (typeof value !== "string") throw new Error("stream_tokens holds a malformed row");
  return value;
}
