/** The abort reason of a signal whose deadline passed. */
export const TIMED_OUT: unique symbol = Symbol("timed out");

/** One shared deadline signal; give it back with `DeadlineSignals.release` when the attempt ends. */
export class DeadlineSlot {
  readonly #controller = new AbortController();
  readonly signal: AbortSignal = this.#controller.signal;
  readonly firesAt: number;
  readonly timer: ReturnType<typeof setTimeout>;
  inFlight = 0;
  uses = 0;

  constructor(firesAt: number, delay: number) {
    this.firesAt = firesAt;
    this.timer = setTimeout(() => {
      if (this.inFlight > 0) this.#controller.abort(TIMED_OUT);
    }, delay);
    // The request an attempt holds open keeps the process alive, not its deadline (where timers
    // are objects: Node, Bun).
    if (typeof this.timer === "object") this.timer.unref?.();
  }
}

// Attempts share a slot at most this often: fetch adds a listener to the signal per request (dropped
// only when the request is garbage-collected) and scans the listeners each time.
const MAX_USES = 9;

/**
 * Abort signals that fire when a deadline passes, shared by the attempts that start within a short
 * window of each other: one AbortController and one timer serve every request started in that
 * window, instead of one each (an AbortController is costly to make on Node 20, and every signal
 * a request carries costs fetch a listener). A slot fires one window (1/20 of the timeout, at most
 * 50 ms) after the deadline of its first attempt: never before the deadline of any attempt in it,
 * at most one window after. A slot whose attempts have all ended aborts nothing. Its timer does not
 * keep the process alive: it serves the runtime's fetch, whose open request does.
 */
export class DeadlineSignals {
  /** The slot new attempts with `#openTimeout` join while it has room and fires late enough. */
  #open: DeadlineSlot | undefined;
  #openTimeout = -1;

  acquire(timeout: number): DeadlineSlot {
    const now = Date.now();
    let slot = timeout === this.#openTimeout ? this.#open : undefined;
    if (slot === undefined || slot.uses >= MAX_USES || slot.firesAt < now + timeout) {
      slot = this.#openSlot(now, timeout);
    }
    slot.inFlight++;
    slot.uses++;
    return slot;
  }

  release(slot: DeadlineSlot): void {
    // A slot that takes no more attempts has nothing left to abort once its last attempt ends.
    if (--slot.inFlight === 0 && slot !== this.#open) clearTimeout(slot.timer);
  }

  #openSlot(now: number, timeout: number): DeadlineSlot {
    const window = Math.min(50, Math.max(1, Math.floor(timeout / 20)));
    const slot = new DeadlineSlot(now + timeout + window, timeout + window);
    const previous = this.#open;
    this.#open = slot;
    this.#openTimeout = timeout;
    if (previous !== undefined && previous.inFlight === 0) clearTimeout(previous.timer);
    return slot;
  }
}
