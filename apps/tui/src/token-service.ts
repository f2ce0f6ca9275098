import type { StreamToken } from "@stream-tokens/api-types";

/** Per-call options every core method accepts last. */
export interface CallOptions {
  signal?: AbortSignal;
  timeout?: number;
}

/**
 * The part of core's `client.streams.tokens` that the UI and the commands use. The real
 * `CoreClient#streams.tokens` satisfies it; the type only keeps the screens independent of how the
 * client is built.
 */
export interface TokenService {
  create(body: { permanent?: boolean }, options?: CallOptions): Promise<StreamToken>;
  list(
    query?: { permanent?: boolean; limit?: number; offset?: number },
    options?: CallOptions,
  ): Promise<StreamToken[]>;
  listAll(query?: { permanent?: boolean }, options?: CallOptions): AsyncIterable<StreamToken>;
  get(idOrKey: string | number, options?: CallOptions): Promise<StreamToken>;
  update(idOrKey: string | number, body: { is_active: boolean }, options?: CallOptions): Promise<StreamToken>;
  delete(idOrKey: string | number, options?: CallOptions): Promise<void>;
  deleteList(query?: { permanent?: boolean }, options?: CallOptions): Promise<void>;
}

export type { StreamToken };
