import { writeSync } from "node:fs";

const ENTER_ALTERNATE_SCREEN = "\x1b[?1049h\x1b[H\x1b[2J";
const SHOW_CURSOR = "\x1b[?25h";
const LEAVE_ALTERNATE_SCREEN = "\x1b[?1049l";

export interface FullscreenOptions {
  /** The terminal's file descriptor (1 for stdout); restoring writes to it synchronously. */
  fd: number;
  /** Called before the process exits on a signal, e.g. to close a server. */
  onSignal?: (signal: NodeJS.Signals) => void;
}

export interface Fullscreen {
  /** Leaves the alternate screen and shows the cursor; safe to call more than once. */
  restore(): void;
}

const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * Switches to the alternate screen and makes sure every way out switches back: a normal exit,
 * SIGINT/SIGTERM/SIGHUP, and an uncaught error or rejection, whose message is printed after the
 * screen is restored.
 */
export function enterFullscreen({ fd, onSignal }: FullscreenOptions): Fullscreen {
  let active = true;
  const restore = () => {
    if (!active) return;
    active = false;
    try {
      writeSync(fd, SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
    } catch {
      // The terminal is gone (e.g. SIGHUP): nothing left to restore.
    }
  };
  const onExit = () => restore();
  const onSignalReceived = (signal: NodeJS.Signals) => {
    restore();
    onSignal?.(signal);
    process.exit(SIGNAL_EXIT_CODES[signal] ?? 1);
  };
  const onFatal = (error: unknown) => {
    restore();
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`stream-tokens: unexpected error: ${message}\n`);
    process.exit(70);
  };
  process.on("exit", onExit);
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as NodeJS.Signals[])
    process.on(signal, onSignalReceived);
  process.on("uncaughtException", onFatal);
  process.on("unhandledRejection", onFatal);
  writeSync(fd, ENTER_ALTERNATE_SCREEN);
  return { restore };
}
