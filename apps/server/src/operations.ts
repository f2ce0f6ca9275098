import type { OperationId, operations } from "@stream-tokens/api-types";
import type { Principal, Store } from "./store.js";
import type { EpochMicros } from "./time.js";

type Operation<K extends OperationId> = operations[K];

type Query<K extends OperationId> = NonNullable<Operation<K>["parameters"]["query"]>;

/** Query parameters whose spec schema has a `default`: ajv (useDefaults) fills them in before a handler runs. */
interface QueryDefaults {
  listStreamTokens: "limit" | "offset";
}

/** The validated query of an operation (defaults applied); `never` keys when it takes none. */
export type QueryOf<K extends OperationId> = K extends keyof QueryDefaults
  ? Query<K> & Required<Pick<Query<K>, QueryDefaults[K]>>
  : Query<K>;
export type PathOf<K extends OperationId> = NonNullable<Operation<K>["parameters"]["path"]>;
export type BodyOf<K extends OperationId> =
  NonNullable<Operation<K>["requestBody"]> extends { content: infer Content }
    ? Content[keyof Content]
    : undefined;

type SuccessStatus<K extends OperationId> = Extract<keyof Operation<K>["responses"], 200 | 201 | 204>;
type SuccessBody<R> = R extends { content: { "application/json": infer Body } } ? Body : undefined;

/** What a handler answers: a success status of the spec, its body and any extra headers. */
export type OperationResult<K extends OperationId> = {
  [S in SuccessStatus<K>]: {
    status: S;
    body: SuccessBody<Operation<K>["responses"][S]>;
    headers?: Record<string, string>;
  };
}[SuccessStatus<K>];

export interface OperationInput<K extends OperationId> {
  principal: Principal;
  query: QueryOf<K>;
  params: PathOf<K>;
  body: BodyOf<K> | undefined;
  now: EpochMicros;
}

export type OperationHandlers = {
  [K in OperationId]: (input: OperationInput<K>) => OperationResult<K> | Promise<OperationResult<K>>;
};

/** The six operations of the spec (seven operationIds: update has a PATCH and a PUT form). */
export function createOperationHandlers(store: Store): OperationHandlers {
  return {
    createStreamToken: async ({ principal, body, now }) => ({
      status: 201,
      body: await store.create(principal, body, now),
    }),
    listStreamTokens: ({ principal, query }) => {
      const { tokens, total } = store.list(principal, query.permanent, query.limit, query.offset);
      return { status: 200, body: tokens, headers: { "x-total-count": String(total) } };
    },
    getStreamToken: ({ principal, params }) => ({
      status: 200,
      body: store.get(principal, params.id_or_key),
    }),
    updateStreamToken: async ({ principal, params, body }) => ({
      status: 200,
      body: await store.update(principal, params.id_or_key, requireBody(body)),
    }),
    updateStreamTokenPut: async ({ principal, params, body }) => ({
      status: 200,
      body: await store.update(principal, params.id_or_key, requireBody(body)),
    }),
    deleteStreamToken: async ({ principal, params }) => {
      await store.delete(principal, params.id_or_key);
      return { status: 204, body: undefined };
    },
    deleteStreamTokens: async ({ principal, query }) => {
      await store.deleteMany(principal, query.permanent);
      return { status: 204, body: undefined };
    },
  };
}

function requireBody<T>(body: T | undefined): T {
  // The router rejects a missing required body before any handler runs.
  if (body === undefined) throw new Error("a required request body reached a handler undefined");
  return body;
}
