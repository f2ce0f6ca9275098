/** The abort reason of a signal whose deadline passed. */
export const TIMED_OUT: unique symbol = Symbol("timed out");

interface Slot {
  readonly controller: AbortController;
  inFlight: number;
  uses: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** A lease on a shared deadline signal; `release()` it when the attempt has ended. */
export interface DeadlineLease {
  readonly signal: AbortSignal;
  release(): void;
}

// Attempts share a slot at most this often: fetch adds a listener to the signal per request (dropped
// only when the request is garbage-collected) and scans the listeners each time.
const MAX_USES = 9;

/**
 * Abort signals that fire when a deadline passes, shared by the attempts whose deadlines fall into
 * the same short window: one AbortController and one timer serve every request started in that
 * window, instead of one each (an AbortController is costly to make on Node 20). A slot never fires
 * before the deadline of any of its attempts, and at most two windows after it: 1/10 of the timeout,
 * and never more than 100 ms. A slot whose attempts have all ended aborts nothing.
 */
export class DeadlineSignals {
  readonly #slots = new Map<number, Slot>();

  acquire(timeout: number): DeadlineLease {
    const now = Date.now();
    const window = Math.min(50, Math.max(1, Math.floor(timeout / 20)));
    const firesAt = Math.ceil((now + timeout) / window) * window;
    let slot = this.#slots.get(firesAt);
    if (slot === undefined || slot.uses >= MAX_USES) {
      const fresh: Slot = { controller: new AbortController(), inFlight: 0, uses: 0, timer: undefined };
      this.#slots.set(firesAt, fresh);
      // One duration per timeout (not firesAt - now), so that Node files every slot's timer in the
      // same timer list; the slot then fires at most two windows after its attempts' deadlines.
      fresh.timer = setTimeout(() => this.#fire(firesAt, fresh), timeout + window);
      unref(fresh.timer);
      slot = fresh;
    }
    slot.inFlight++;
    slot.uses++;
    const taken = slot;
    let released = false;
    return {
      signal: taken.controller.signal,
      release: () => {
        if (released) return;
        released = true;
        taken.inFlight--;
        // A full slot takes no more attempts: once its last one ends, its timer has nothing to do.
        if (taken.inFlight === 0 && taken.uses >= MAX_USES) {
          clearTimeout(taken.timer);
          if (this.#slots.get(firesAt) === taken) this.#slots.delete(firesAt);
        }
      },
    };
  }

  #fire(firesAt: number, slot: Slot): void {
    if (this.#slots.get(firesAt) === slot) this.#slots.delete(firesAt);
    if (slot.inFlight > 0) slot.controller.abort(TIMED_OUT);
  }
}

/** Lets the process exit while a timer is pending (Node, Bun, Deno); a no-op where timers are numbers. */
function unref(timer: unknown): void {
  if (typeof timer === "object" && timer !== null) {
    const method: unknown = Reflect.get(timer, "unref");
    if (typeof method === "function") method.call(timer);
  }
}
