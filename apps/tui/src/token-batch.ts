import type { StreamToken } from "@stream-tokens/api-types";
import type { TokenService } from "./token-service.js";

/** Requests sent at once by a bulk action. */
const CONCURRENCY = 8;

export interface BatchOutcome<T> {
  /** What succeeded, in the order of the ids. */
  done: { id: number; value: T }[];
  failed: { id: number; error: unknown }[];
}

/** Runs one request per id, a few at a time; each succeeds or fails on its own (no rollback). */
export async function forEachToken<T>(
  ids: readonly number[],
  request: (id: number) => Promise<T>,
): Promise<BatchOutcome<T>> {
  const results: ({ ok: true; value: T } | { ok: false; error: unknown })[] = new Array(ids.length);
  let cursor = 0;
  const worker = async () => {
    while (cursor < ids.length) {
      const index = cursor++;
      const id = ids[index] as number;
      try {
        results[index] = { ok: true, value: await request(id) };
      } catch (error) {
        results[index] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  const outcome: BatchOutcome<T> = { done: [], failed: [] };
  ids.forEach((id, index) => {
    const result = results[index];
    if (result?.ok) outcome.done.push({ id, value: result.value });
    else outcome.failed.push({ id, error: result?.error });
  });
  return outcome;
}

export const deleteTokens = (service: TokenService, ids: readonly number[]): Promise<BatchOutcome<void>> =>
  forEachToken(ids, (id) => service.delete(id));

export const setTokensActive = (
  service: TokenService,
  ids: readonly number[],
  active: boolean,
): Promise<BatchOutcome<StreamToken>> => forEachToken(ids, (id) => service.update(id, { is_active: active }));
