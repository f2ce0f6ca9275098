import { setTimeout as sleep } from "node:timers/promises";
import { ApiError, ErrorCode } from "./errors.js";

/** How long a write waits, in all, for another connection's lock before it answers 500. */
export const LOCK_WAIT_DEADLINE_MS = 10_000;
/** The first pause between attempts; it doubles up to LOCK_RETRY_MAX_PAUSE_MS. */
const LOCK_RETRY_FIRST_PAUSE_MS = 2;
const LOCK_RETRY_MAX_PAUSE_MS = 25;

/**
 * Runs `attempt` (one whole transaction) until it is not refused for a lock another connection
 * holds, or until `deadlineMs` has passed. Each attempt blocks for at most the database's short
 * busy timeout (SHORT_BUSY_TIMEOUT_MS); between attempts the event loop is free, so reads and
 * `/healthz` are answered while a write waits.
 */
export async function retryWhileLocked<T>(attempt: () => T, deadlineMs: number): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  let pause = LOCK_RETRY_FIRST_PAUSE_MS;
  for (;;) {
    try {
      return attempt();
    } catch (error) {
      if (!isLockBusy(error)) throw error;
      const left = deadline - Date.now();
      if (left <= 0) throw databaseBusy();
      await sleep(Math.min(pause, left));
      pause = Math.min(pause * 2, LOCK_RETRY_MAX_PAUSE_MS);
    }
  }
}

function isLockBusy(error: unknown): boolean {
  const code: unknown = error instanceof Error ? Reflect.get(error, "code") : undefined;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

const databaseBusy = (): ApiError =>
  new ApiError(
    500,
    ErrorCode.internal,
    "The database stayed locked by another process; nothing was changed.",
  );
