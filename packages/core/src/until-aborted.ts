/**
 * Settles as `work` does, or rejects as soon as `signal` aborts, with `failure(signal.reason)`.
 * `work` goes on either way; an outcome that comes too late is dropped, never left unhandled.
 */
export function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal,
  failure: (reason: unknown) => unknown = (reason) => reason,
): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(failure(signal.reason));
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(failure(signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
    work.finally(() => signal.removeEventListener("abort", onAbort)).then(resolve, reject);
  });
}
