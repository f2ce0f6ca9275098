import {
  type CreateStreamTokenParams,
  checkCreateStreamTokenBody,
  checkCreateStreamTokenResponse,
  checkDeleteStreamTokensQuery,
  checkGetStreamTokenResponse,
  checkListStreamTokensQuery,
  checkListStreamTokensResponse,
  checkUpdateStreamTokenBody,
  checkUpdateStreamTokenResponse,
  type DeleteStreamTokensParams,
  Issue,
  LimitBounds,
  type ListStreamTokensParams,
  type StreamToken,
  type UpdateStreamTokenParams,
  unknownKey,
} from "@stream-tokens/api-types";
import { InvalidResponseError, ValidationError } from "./errors.js";
import type { ApiClient } from "./http.js";
import { maskSecret } from "./mask.js";
import { TokenPages } from "./paging.js";
import {
  type Call,
  type CallContext,
  type CallResult,
  perform,
  REQUEST_OPTIONS,
  type RequestOptions,
} from "./request.js";
import {
  BOOLEAN,
  checked,
  idOrKey as checkIdOrKey,
  checkValue,
  type IdOrKey,
  integer,
  objectOf,
  type Rules,
} from "./validate.js";
import { parseAnswer } from "./wire.js";

export type {
  CreateStreamTokenParams,
  DeleteStreamTokensParams,
  ListStreamTokensParams,
  UpdateStreamTokenParams,
};

/** What `listAll` takes: the filters of `list` (not its `limit` and `offset`), and how to page. */
export type ListAllStreamTokensParams = Omit<ListStreamTokensParams, "limit" | "offset"> & {
  /** Tokens per request, 1 to the API's largest `limit` (default: that largest limit). */
  pageSize?: number | undefined;
  /** How many recent ids are remembered to skip repeats (default 1000). */
  dedupeWindow?: number | undefined;
};
export interface CreateRequestOptions extends RequestOptions {
  /**
   * Allow retries of this create. Off by default: a create whose answer was lost may have made a
   * token, and a retry would make a second one.
   */
  retryCreate?: boolean | undefined;
}

/** What a `raw` method resolves to: the data next to the `Response` it came from. */
export type WithResponse<T> = CallResult<T>;

export interface StreamTokensContext extends CallContext {
  retryCreate: boolean;
}

const COLLECTION = "/v1/streams/tokens/";
const MAX_LIMIT = LimitBounds.maximum;
/** The parameters of `list` that `listAll` sets itself. */
const PAGED_BY_LIST_ALL: readonly string[] = ["limit", "offset"];
const CREATE_OPTIONS: Rules<CreateRequestOptions> = { ...REQUEST_OPTIONS, retryCreate: BOOLEAN };
const ITEM = "/v1/streams/tokens/{id_or_key}/";
const NO_SECRETS: readonly string[] = [];

function jsonOf(data: unknown, status: number): unknown {
  if (typeof data !== "string") throw new InvalidResponseError("the server's answer has no body", status);
  return JSON.parse(data);
}

/** The answer of an operation that returns a token, checked by that operation's generated check. */
const tokenParser =
  (check: (value: unknown) => StreamToken | Issue) =>
  (data: unknown, status: number): StreamToken =>
    parseAnswer(check(jsonOf(data, status)), status, "a stream token");
const parseCreated = tokenParser(checkCreateStreamTokenResponse);
const parseGot = tokenParser(checkGetStreamTokenResponse);
const parseUpdated = tokenParser(checkUpdateStreamTokenResponse);
const parseTokens = (data: unknown, status: number): StreamToken[] =>
  parseAnswer(checkListStreamTokensResponse(jsonOf(data, status)), status, "a list of stream tokens");
const parseNothing = (): void => undefined;

/** What a generated check returns for a valid value. */
type Checked<F extends (value: unknown) => unknown> = Exclude<ReturnType<F>, Issue>;

// What each operation sends, given the client, its checked input and the attempt's signal.
const createToken = (api: ApiClient, body: Checked<typeof checkCreateStreamTokenBody>, signal: AbortSignal) =>
  api.POST(COLLECTION, { body, signal, parseAs: "text" });
const listTokens = (api: ApiClient, query: Checked<typeof checkListStreamTokensQuery>, signal: AbortSignal) =>
  api.GET(COLLECTION, { params: { query }, signal, parseAs: "text" });
const deleteTokens = (
  api: ApiClient,
  query: Checked<typeof checkDeleteStreamTokensQuery>,
  signal: AbortSignal,
) => api.DELETE(COLLECTION, { params: { query }, signal, parseAs: "text" });
const getToken = (api: ApiClient, id_or_key: string, signal: AbortSignal) =>
  api.GET(ITEM, { params: { path: { id_or_key } }, signal, parseAs: "text" });
const deleteToken = (api: ApiClient, id_or_key: string, signal: AbortSignal) =>
  api.DELETE(ITEM, { params: { path: { id_or_key } }, signal, parseAs: "text" });
const updateToken = (
  api: ApiClient,
  [id_or_key, body]: readonly [string, Checked<typeof checkUpdateStreamTokenBody>],
  signal: AbortSignal,
) =>
  api.PATCH(ITEM, {
    params: { path: { id_or_key } },
    // openapi-fetch's own serializer sends a body as a form when told that Content-Type.
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    signal,
    parseAs: "text",
  });

// Each operation's call, built from the caller's arguments inside `perform` (so that bad
// arguments reject its promise, as in an async method, and send nothing).
const createCall = (
  [params, options]: readonly [CreateStreamTokenParams, CreateRequestOptions | undefined],
  context: StreamTokensContext,
): Call<StreamToken, Checked<typeof checkCreateStreamTokenBody>> => {
  const input = checked(checkCreateStreamTokenBody(params));
  return {
    method: "POST",
    path: COLLECTION,
    // `perform` checks the options by `optionRules` before the first attempt.
    retryable: options?.retryCreate ?? context.retryCreate,
    optionRules: CREATE_OPTIONS,
    input,
    send: createToken,
    parse: parseCreated,
  };
};
const listCall = (
  params: ListStreamTokensParams,
): Call<StreamToken[], Checked<typeof checkListStreamTokensQuery>> => ({
  method: "GET",
  path: COLLECTION,
  retryable: true,
  input: checked(checkListStreamTokensQuery(params)),
  send: listTokens,
  parse: parseTokens,
});
const deleteListCall = (
  params: DeleteStreamTokensParams,
): Call<void, Checked<typeof checkDeleteStreamTokensQuery>> => ({
  method: "DELETE",
  path: COLLECTION,
  retryable: true,
  input: checked(checkDeleteStreamTokensQuery(params)),
  send: deleteTokens,
  parse: parseNothing,
});
const getCall = (idOrKey: unknown): Call<StreamToken, string> => {
  const item = checkIdOrKey(idOrKey);
  return onItem("GET", item, item.value, getToken, parseGot);
};
const deleteCall = (idOrKey: unknown): Call<void, string> => {
  const item = checkIdOrKey(idOrKey);
  return onItem("DELETE", item, item.value, deleteToken, parseNothing);
};
const updateCall = ([idOrKey, params]: readonly [unknown, UpdateStreamTokenParams]) => {
  const body = checked(checkUpdateStreamTokenBody(params));
  const item = checkIdOrKey(idOrKey);
  return onItem("PATCH", item, [item.value, body] as const, updateToken, parseUpdated);
};

/** A call on one token, by its checked id or key (a key masked in the path that errors and logs show). */
function onItem<T, I>(
  method: string,
  { value, isKey }: IdOrKey,
  input: I,
  send: Call<T, I>["send"],
  parse: Call<T, I>["parse"],
): Call<T, I> {
  return {
    method,
    path: `${COLLECTION}${isKey ? maskSecret(value) : value}/`,
    retryable: true,
    secrets: isKey ? [value] : NO_SECRETS,
    input,
    send,
    parse,
  };
}

/** How a method hands back its answer: `{ data, response, attempts }` (`raw`), or the data alone. */
type Shape = "raw" | "data";
type Shaped<S extends Shape, T> = S extends "raw" ? WithResponse<T> : T;

/** The operations of `/v1/streams/tokens/`, written once for both shapes of answer. */
class TokenOperations<S extends Shape> {
  readonly #context: StreamTokensContext;
  readonly #shape: S;

  /** @internal Made by the client: `client.streams.tokens`. */
  constructor(context: StreamTokensContext, shape: S) {
    this.#context = context;
    this.#shape = shape;
  }

  /** Creates a temporary (default) or permanent token. Never retried unless `retryCreate` is set. */
  create(
    params: CreateStreamTokenParams = {},
    options?: CreateRequestOptions,
  ): Promise<Shaped<S, StreamToken>> {
    return this.#perform(createCall, [params, options], options);
  }

  /** One page of tokens (`limit` 1..100, default 20; `offset` default 0). */
  list(params: ListStreamTokensParams = {}, options?: RequestOptions): Promise<Shaped<S, StreamToken[]>> {
    return this.#perform(listCall, params, options);
  }

  /** One token by its id (a positive integer) or its key. */
  get(idOrKey: number | string, options?: RequestOptions): Promise<Shaped<S, StreamToken>> {
    return this.#perform(getCall, idOrKey, options);
  }

  /** Switches a token on or off (PATCH with a form body, as the Python client sends). */
  update(
    idOrKey: number | string,
    params: UpdateStreamTokenParams,
    options?: RequestOptions,
  ): Promise<Shaped<S, StreamToken>> {
    return this.#perform(updateCall, [idOrKey, params], options);
  }

  /** Deletes one token. */
  delete(idOrKey: number | string, options?: RequestOptions): Promise<Shaped<S, void>> {
    return this.#perform(deleteCall, idOrKey, options);
  }

  /** Deletes the temporary (`permanent: false`), the permanent (`true`) or all (absent) tokens. */
  deleteList(params: DeleteStreamTokensParams = {}, options?: RequestOptions): Promise<Shaped<S, void>> {
    return this.#perform(deleteListCall, params, options);
  }

  #perform<A, T, I>(
    build: (args: A, context: StreamTokensContext) => Call<T, I>,
    args: A,
    options: RequestOptions | undefined,
  ): Promise<Shaped<S, T>> {
    // `S` is the subclass's shape, and `withResponse` follows it.
    const withResponse = this.#shape === "raw";
    return perform(this.#context, build, args, options, withResponse) as Promise<Shaped<S, T>>;
  }
}

/**
 * The operations of `/v1/streams/tokens/`, each resolving to `{ data, response, attempts }`:
 * the same calls as {@link StreamTokens}, for when the status or headers matter.
 */
export class RawStreamTokens extends TokenOperations<"raw"> {
  /** @internal Made by the client: `client.streams.tokens.raw`. */
  constructor(context: StreamTokensContext) {
    super(context, "raw");
  }
}

/** `client.streams.tokens`: create, list, page through, read, switch on/off and delete tokens. */
export class StreamTokens extends TokenOperations<"data"> {
  /** The same operations, resolving to `{ data, response, attempts }`. */
  readonly raw: RawStreamTokens;

  /** @internal Made by the client: `client.streams.tokens`. */
  constructor(context: StreamTokensContext) {
    super(context, "data");
    this.raw = new RawStreamTokens(context);
  }

  /** Every token, fetched lazily page by page; `for await` it, or `.toArray({ max })`. */
  listAll(params: ListAllStreamTokensParams = {}, options?: RequestOptions): TokenPages {
    const { pageSize: size, dedupeWindow: window, ...filter } = objectOf(params);
    for (const key of PAGED_BY_LIST_ALL) {
      if (key in filter)
        throw new ValidationError(key, "is not taken by listAll, which pages by itself (see pageSize)");
    }
    const filterIssue = checkListStreamTokensQuery(filter);
    if (filterIssue instanceof Issue && filterIssue.known !== undefined) {
      const known = filterIssue.known.filter((key) => !PAGED_BY_LIST_ALL.includes(key));
      checked(unknownKey("", filterIssue.field, [...known, "pageSize", "dedupeWindow"]));
    }
    const query = checked(filterIssue);
    const pageSize = checkValue("pageSize", size, integer(1, MAX_LIMIT)) ?? MAX_LIMIT;
    const dedupeWindow = checkValue("dedupeWindow", window, integer(1, 1_000_000)) ?? 1000;
    return new TokenPages((offset, limit) => this.list({ ...query, limit, offset }, options), {
      pageSize,
      dedupeWindow: Math.max(dedupeWindow, pageSize),
    });
  }
}
