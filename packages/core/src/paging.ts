import type { StreamToken } from "@stream-tokens/api-types";
import { checkOptions, integer } from "./validate.js";

/** Fetches one page of tokens at `offset`, at most `limit` of them. */
export type PageFetcher = (offset: number, limit: number) => Promise<StreamToken[]>;

export interface PagingOptions {
  /** Tokens per request, 1 to 100 (default 100). */
  pageSize: number;
  /**
   * How many of the most recently yielded ids are remembered to skip repeats (default 1000). Tokens
   * created while the iteration runs push older ones to later offsets; a repeat is skipped as long
   * as fewer than this many tokens were created during the iteration.
   */
  dedupeWindow: number;
}

/**
 * Every token, fetched lazily page by page by offset. Memory stays flat: one page plus a bounded
 * window of recent ids. Iteration stops after the first page shorter than the page size.
 */
export class TokenPages implements AsyncIterable<StreamToken> {
  readonly #fetchPage: PageFetcher;
  readonly #options: PagingOptions;

  /** @internal Made by `listAll()`. */
  constructor(fetchPage: PageFetcher, options: PagingOptions) {
    this.#fetchPage = fetchPage;
    this.#options = options;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<StreamToken, void, undefined> {
    const { pageSize, dedupeWindow } = this.#options;
    // The ids most recently yielded, oldest first (a Set keeps insertion order), at most dedupeWindow.
    const recent = new Set<number>();
    for (let offset = 0; ; ) {
      const page = await this.#fetchPage(offset, pageSize);
      for (const token of page) {
        if (recent.has(token.id)) continue;
        recent.add(token.id);
        if (recent.size > dedupeWindow) {
          const oldest = recent.values().next();
          if (!oldest.done) recent.delete(oldest.value);
        }
        yield token;
      }
      if (page.length < pageSize) return;
      offset += page.length;
    }
  }

  /** Collects up to `max` tokens (default 10,000), fetching no further page than needed. */
  async toArray(options: { max?: number | undefined } = {}): Promise<StreamToken[]> {
    const { max = 10_000 } = checkOptions("options", options, { max: integer(1) });
    const tokens: StreamToken[] = [];
    for await (const token of this) {
      tokens.push(token);
      if (tokens.length >= max) break;
    }
    return tokens;
  }
}
