import type { StreamToken } from "@stream-tokens/api-types";
import { InvalidResponseError } from "./errors.js";
import type { ApiClient } from "./http.js";
import { maskSecret } from "./mask.js";
import { TokenPages } from "./paging.js";
import { type CallResult, type CallSettings, perform, type RequestOptions } from "./request.js";
import {
  idOrKey as checkIdOrKey,
  integerInRange,
  MAX_LIMIT,
  optionalBoolean,
  optionalObject,
  requiredBoolean,
} from "./validate.js";
import { parseToken, parseTokenList } from "./wire.js";

export interface CreateStreamTokenParams {
  /** `true` for a permanent token, `false` (default) for a temporary one that lives 24 hours. */
  permanent?: boolean | undefined;
}
export interface ListStreamTokensParams {
  /** `true` only permanent tokens, `false` only temporary ones, absent both. */
  permanent?: boolean | undefined;
  /** 1 to 100 (default 20). */
  limit?: number | undefined;
  /** 0 or more (default 0). */
  offset?: number | undefined;
}
export interface ListAllStreamTokensParams {
  permanent?: boolean | undefined;
  /** Tokens per request, 1 to 100 (default 100). */
  pageSize?: number | undefined;
  /** How many recent ids are remembered to skip repeats (default 1000). */
  dedupeWindow?: number | undefined;
}
export interface UpdateStreamTokenParams {
  is_active: boolean;
}
export interface DeleteStreamTokensParams {
  /** `false` deletes only temporary tokens, `true` only permanent ones, absent all of them. */
  permanent?: boolean | undefined;
}
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
const ITEM = "/v1/streams/tokens/{id_or_key}/";

/** A token's id or key, checked, with its path as errors and logs show it (a key masked). */
function itemOf(idOrKey: unknown): { value: string; shown: string; secrets: string[] } {
  const value = checkIdOrKey(idOrKey);
  const isKey = !/^[0-9]+$/.test(value);
  return {
    value,
    shown: `${COLLECTION}${isKey ? maskSecret(value) : value}/`,
    secrets: isKey ? [value] : [],
  };
}

function jsonOf(data: unknown, status: number): unknown {
  if (typeof data !== "string") throw new InvalidResponseError("the server's answer has no body", status);
  return JSON.parse(data);
}

const tokenOf = (data: unknown, status: number) => parseToken(jsonOf(data, status), status);

const formBody = (body: unknown): string => {
  const isActive = typeof body === "object" && body !== null ? Reflect.get(body, "is_active") : undefined;
  return new URLSearchParams({ is_active: String(isActive) }).toString();
};

/**
 * The operations of `/v1/streams/tokens/`, each resolving to `{ data, response, attempts }`:
 * the same calls as {@link StreamTokens}, for when the status or headers matter.
 */
export class RawStreamTokens {
  readonly #context: StreamTokensContext;

  constructor(context: StreamTokensContext) {
    this.#context = context;
  }

  create(
    params: CreateStreamTokenParams = {},
    options?: CreateRequestOptions,
  ): Promise<WithResponse<StreamToken>> {
    const input = optionalObject("params", params);
    const permanent = optionalBoolean("permanent", input.permanent) ?? false;
    const retryCreate = optionalBoolean("retryCreate", options?.retryCreate) ?? this.#context.retryCreate;
    const { api, settings } = this.#context;
    return perform(
      settings,
      {
        method: "POST",
        path: COLLECTION,
        retryable: retryCreate,
        send: (signal) => api.POST(COLLECTION, { body: { permanent }, signal, parseAs: "text" }),
        parse: tokenOf,
      },
      options,
    );
  }

  list(params: ListStreamTokensParams = {}, options?: RequestOptions): Promise<WithResponse<StreamToken[]>> {
    const input = optionalObject("params", params);
    const permanent = optionalBoolean("permanent", input.permanent);
    const limit = input.limit === undefined ? 20 : integerInRange("limit", input.limit, 1, MAX_LIMIT);
    const offset =
      input.offset === undefined ? 0 : integerInRange("offset", input.offset, 0, Number.MAX_SAFE_INTEGER);
    const query = permanent === undefined ? { limit, offset } : { permanent, limit, offset };
    const { api, settings } = this.#context;
    return perform(
      settings,
      {
        method: "GET",
        path: COLLECTION,
        retryable: true,
        send: (signal) => api.GET(COLLECTION, { params: { query }, signal, parseAs: "text" }),
        parse: (data, status) => parseTokenList(jsonOf(data, status), status),
      },
      options,
    );
  }

  get(idOrKey: number | string, options?: RequestOptions): Promise<WithResponse<StreamToken>> {
    const { value, shown, secrets } = itemOf(idOrKey);
    const { api, settings } = this.#context;
    return perform(
      settings,
      {
        method: "GET",
        path: shown,
        retryable: true,
        secrets,
        send: (signal) =>
          api.GET(ITEM, {
            params: { path: { id_or_key: value } },
            signal,
            parseAs: "text",
          }),
        parse: tokenOf,
      },
      options,
    );
  }

  update(
    idOrKey: number | string,
    params: UpdateStreamTokenParams,
    options?: RequestOptions,
  ): Promise<WithResponse<StreamToken>> {
    const { value, shown, secrets } = itemOf(idOrKey);
    const input = optionalObject("params", params);
    const isActive = requiredBoolean("is_active", input.is_active);
    const { api, settings } = this.#context;
    return perform(
      settings,
      {
        method: "PATCH",
        path: shown,
        retryable: true,
        secrets,
        send: (signal) =>
          api.PATCH(ITEM, {
            params: { path: { id_or_key: value } },
            body: { is_active: isActive },
            bodySerializer: formBody,
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            signal,
            parseAs: "text",
          }),
        parse: tokenOf,
      },
      options,
    );
  }

  delete(idOrKey: number | string, options?: RequestOptions): Promise<WithResponse<void>> {
    const { value, shown, secrets } = itemOf(idOrKey);
    const { api, settings } = this.#context;
    return perform(
      settings,
      {
        method: "DELETE",
        path: shown,
        retryable: true,
        secrets,
        send: (signal) =>
          api.DELETE(ITEM, {
            params: { path: { id_or_key: value } },
            signal,
            parseAs: "text",
          }),
        parse: () => undefined,
      },
      options,
    );
  }

  deleteList(params: DeleteStreamTokensParams = {}, options?: RequestOptions): Promise<WithResponse<void>> {
    const input = optionalObject("params", params);
    const permanent = optionalBoolean("permanent", input.permanent);
    const query = permanent === undefined ? {} : { permanent };
    const { api, settings } = this.#context;
    return perform(
      settings,
      {
        method: "DELETE",
        path: COLLECTION,
        retryable: true,
        send: (signal) => api.DELETE(COLLECTION, { params: { query }, signal, parseAs: "text" }),
        parse: () => undefined,
      },
      options,
    );
  }
}

/** `client.streams.tokens`: create, list, page through, read, switch on/off and delete tokens. */
export class StreamTokens {
  /** The same operations, resolving to `{ data, response, attempts }`. */
  readonly raw: RawStreamTokens;

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
    const input = optionalObject("params", params);
    const permanent = optionalBoolean("permanent", input.permanent);
    const pageSize =
      input.pageSize === undefined ? MAX_LIMIT : integerInRange("pageSize", input.pageSize, 1, MAX_LIMIT);
    const dedupeWindow =
      input.dedupeWindow === undefined
        ? 1000
        : integerInRange("dedupeWindow", input.dedupeWindow, 1, 1_000_000);
    const filter = permanent === undefined ? {} : { permanent };
    return new TokenPages((offset, limit) => this.list({ ...filter, limit, offset }, options), {
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
