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
  type ListStreamTokensParams,
  parameterBounds,
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
  type CallResult,
  type CallSettings,
  perform,
  REQUEST_OPTIONS,
  type RequestOptions,
  type SendResult,
} from "./request.js";
import {
  BOOLEAN,
  checked,
  idOrKey as checkIdOrKey,
  checkOptions,
  checkValue,
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

export interface StreamTokensContext {
  api: ApiClient;
  settings: CallSettings;
  retryCreate: boolean;
}

const COLLECTION = "/v1/streams/tokens/";
const MAX_LIMIT = parameterBounds.Limit.maximum;
/** The parameters of `list` that `listAll` sets itself. */
const PAGED_BY_LIST_ALL: readonly string[] = ["limit", "offset"];
const CREATE_OPTIONS: Rules<CreateRequestOptions> = { ...REQUEST_OPTIONS, retryCreate: BOOLEAN };
const ITEM = "/v1/streams/tokens/{id_or_key}/";

function jsonOf(data: unknown, status: number): unknown {
  if (typeof data !== "string") throw new InvalidResponseError("the server's answer has no body", status);
  return JSON.parse(data);
}

const tokenOf = (check: (value: unknown) => StreamToken | Issue, data: unknown, status: number) =>
  parseAnswer(check(jsonOf(data, status)), status, "a stream token");

/** `is_active=false`: a checked body's fields (booleans, numbers, strings) as a form. */
const formBody = (body: unknown): string => {
  const form = new URLSearchParams();
  if (typeof body === "object" && body !== null) {
    for (const [name, value] of Object.entries(body))
      if (value !== undefined) form.append(name, String(value));
  }
  return form.toString();
};

/** What an operation sends, given the client and the attempt's signal. */
type Sender = (api: ApiClient, signal: AbortSignal) => Promise<SendResult>;

/** The path parameter of a call on one token. */
type ItemParams = { params: { path: { id_or_key: string } }; parseAs: "text" };

/**
 * The operations of `/v1/streams/tokens/`, each resolving to `{ data, response, attempts }`:
 * the same calls as {@link StreamTokens}, for when the status or headers matter.
 */
export class RawStreamTokens {
  readonly #context: StreamTokensContext;

  /** @internal Made by the client: `client.streams.tokens`. */
  constructor(context: StreamTokensContext) {
    this.#context = context;
  }

  create(
    params: CreateStreamTokenParams = {},
    options?: CreateRequestOptions,
  ): Promise<WithResponse<StreamToken>> {
    const body = checked(checkCreateStreamTokenBody(params));
    const retryCreate =
      checkOptions("options", options, CREATE_OPTIONS).retryCreate ?? this.#context.retryCreate;
    return this.#perform(
      { method: "POST", path: COLLECTION, retryable: retryCreate, optionRules: CREATE_OPTIONS },
      (api, signal) => api.POST(COLLECTION, { body, signal, parseAs: "text" }),
      (data, status) => tokenOf(checkCreateStreamTokenResponse, data, status),
      options,
    );
  }

  list(params: ListStreamTokensParams = {}, options?: RequestOptions): Promise<WithResponse<StreamToken[]>> {
    const query = checked(checkListStreamTokensQuery(params));
    return this.#perform(
      { method: "GET", path: COLLECTION, retryable: true },
      (api, signal) => api.GET(COLLECTION, { params: { query }, signal, parseAs: "text" }),
      (data, status) =>
        parseAnswer(checkListStreamTokensResponse(jsonOf(data, status)), status, "a list of stream tokens"),
      options,
    );
  }

  get(idOrKey: number | string, options?: RequestOptions): Promise<WithResponse<StreamToken>> {
    return this.#onItem(
      "GET",
      idOrKey,
      (api, item, signal) => api.GET(ITEM, { ...item, signal }),
      (data, status) => tokenOf(checkGetStreamTokenResponse, data, status),
      options,
    );
  }

  update(
    idOrKey: number | string,
    params: UpdateStreamTokenParams,
    options?: RequestOptions,
  ): Promise<WithResponse<StreamToken>> {
    const body = checked(checkUpdateStreamTokenBody(params));
    return this.#onItem(
      "PATCH",
      idOrKey,
      (api, item, signal) =>
        api.PATCH(ITEM, {
          ...item,
          body,
          bodySerializer: formBody,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          signal,
        }),
      (data, status) => tokenOf(checkUpdateStreamTokenResponse, data, status),
      options,
    );
  }

  delete(idOrKey: number | string, options?: RequestOptions): Promise<WithResponse<void>> {
    return this.#onItem(
      "DELETE",
      idOrKey,
      (api, item, signal) => api.DELETE(ITEM, { ...item, signal }),
      () => undefined,
      options,
    );
  }

  deleteList(params: DeleteStreamTokensParams = {}, options?: RequestOptions): Promise<WithResponse<void>> {
    const query = checked(checkDeleteStreamTokensQuery(params));
    return this.#perform(
      { method: "DELETE", path: COLLECTION, retryable: true },
      (api, signal) => api.DELETE(COLLECTION, { params: { query }, signal, parseAs: "text" }),
      () => undefined,
      options,
    );
  }

  /** A call on one token, by its id or key (a key masked in the path that errors and logs show). */
  #onItem<T>(
    method: string,
    idOrKey: unknown,
    send: (api: ApiClient, item: ItemParams, signal: AbortSignal) => Promise<SendResult>,
    parse: Call<T>["parse"],
    options: RequestOptions | undefined,
  ): Promise<WithResponse<T>> {
    const value = checkIdOrKey(idOrKey);
    const isKey = !/^[0-9]+$/.test(value);
    const item: ItemParams = { params: { path: { id_or_key: value } }, parseAs: "text" };
    return this.#perform(
      {
        method,
        path: `${COLLECTION}${isKey ? maskSecret(value) : value}/`,
        retryable: true,
        secrets: isKey ? [value] : [],
      },
      (api, signal) => send(api, item, signal),
      parse,
      options,
    );
  }

  #perform<T>(
    call: Omit<Call<T>, "send" | "parse">,
    send: Sender,
    parse: Call<T>["parse"],
    options: RequestOptions | undefined,
  ): Promise<WithResponse<T>> {
    const { api, settings } = this.#context;
    return perform(settings, { ...call, send: (signal) => send(api, signal), parse }, options);
  }
}

/** `client.streams.tokens`: create, list, page through, read, switch on/off and delete tokens. */
export class StreamTokens {
  /** The same operations, resolving to `{ data, response, attempts }`. */
  readonly raw: RawStreamTokens;

  /** @internal Made by the client: `client.streams.tokens`. */
  constructor(context: StreamTokensContext) {
    this.raw = new RawStreamTokens(context);
  }

  /** Creates a temporary (default) or permanent token. Never retried unless `retryCreate` is set. */
  async create(params: CreateStreamTokenParams = {}, options?: CreateRequestOptions): Promise<StreamToken> {
    return (await this.raw.create(params, options)).data;
  }

  /** One page of tokens (`limit` 1..100, default 20; `offset` default 0). */
  async list(params: ListStreamTokensParams = {}, options?: RequestOptions): Promise<StreamToken[]> {
    return (await this.raw.list(params, options)).data;
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

  /** One token by its id (a positive integer) or its key. */
  async get(idOrKey: number | string, options?: RequestOptions): Promise<StreamToken> {
    return (await this.raw.get(idOrKey, options)).data;
  }

  /** Switches a token on or off (PATCH with a form body, as the Python client sends). */
  async update(
    idOrKey: number | string,
    params: UpdateStreamTokenParams,
    options?: RequestOptions,
  ): Promise<StreamToken> {
    return (await this.raw.update(idOrKey, params, options)).data;
  }

  /** Deletes one token. */
  async delete(idOrKey: number | string, options?: RequestOptions): Promise<void> {
    await this.raw.delete(idOrKey, options);
  }

  /** Deletes the temporary (`permanent: false`), the permanent (`true`) or all (absent) tokens. */
  async deleteList(params: DeleteStreamTokensParams = {}, options?: RequestOptions): Promise<void> {
    await this.raw.deleteList(params, options);
  }
}
