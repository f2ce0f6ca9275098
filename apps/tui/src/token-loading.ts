import { parameterBounds, type StreamToken } from "@stream-tokens/api-types";
import type { TokenService } from "./token-service.js";

/** Tokens per request: the most the API gives. */
const PAGE_SIZE = parameterBounds.Limit.maximum;
/** Pages requested at once when the first page tells how many there are. */
const CONCURRENT_PAGES = 8;

/**
 * The total the server reports in `X-Total-Count`, when it sends one. The platform's contract does
 * not promise the header (the local server sends it), so a missing or unreadable one means unknown.
 */
function totalOf(response: Response): number | undefined {
  const header = response.headers.get("x-total-count");
  if (header === null || !/^[0-9]+$/.test(header)) return undefined;
  return Number(header);
}

/** Appends the tokens not seen yet (pages fetched while tokens are created may overlap). */
function appendNew(all: StreamToken[], seen: Set<number>, page: readonly StreamToken[]): void {
  for (const token of page) {
    if (seen.has(token.id)) continue;
    seen.add(token.id);
    all.push(token);
  }
}

/**
 * Every token of a listing, in the server's order. When the first page comes with a total, the
 * other pages are fetched several at a time; without one, one after another until a short page.
 * `onFirstPage` sees the first page before the rest arrive.
 */
export async function loadAllTokens(
  service: Pick<TokenService, "raw" | "list">,
  query: { permanent?: boolean },
  onFirstPage?: (tokens: readonly StreamToken[]) => void,
): Promise<StreamToken[]> {
  const first = await service.raw.list({ ...query, limit: PAGE_SIZE, offset: 0 });
  const all: StreamToken[] = [];
  const seen = new Set<number>();
  appendNew(all, seen, first.data);
  if (first.data.length < PAGE_SIZE) return all;
  onFirstPage?.(all.slice());
  let total = totalOf(first.response);
  let offset = PAGE_SIZE;
  if (total !== undefined) {
    const offsets: number[] = [];
    for (let next = PAGE_SIZE; next < total; next += PAGE_SIZE) offsets.push(next);
    const pages: StreamToken[][] = new Array(offsets.length);
    let cursor = 0;
    const worker = async () => {
      while (cursor < offsets.length) {
        const index = cursor++;
        const page = await service.raw.list({ ...query, limit: PAGE_SIZE, offset: offsets[index] });
        pages[index] = page.data;
        total = Math.max(total ?? 0, totalOf(page.response) ?? 0);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_PAGES, offsets.length) }, worker));
    for (const page of pages) appendNew(all, seen, page);
    offset = (offsets[offsets.length - 1] ?? 0) + PAGE_SIZE;
    const last = pages[pages.length - 1] ?? first.data;
    // Done when the last page is short, or full and every total reported ends there; tokens
    // created meanwhile (a larger total, or none reported) are read one page at a time past it.
    if (last.length < PAGE_SIZE || total <= offset) return all;
  }
  for (;;) {
    const page = await service.list({ ...query, limit: PAGE_SIZE, offset });
    appendNew(all, seen, page);
    if (page.length < PAGE_SIZE) return all;
    offset += PAGE_SIZE;
  }
}
