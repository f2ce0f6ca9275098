import { createContext, type ReactNode, useContext } from "react";
import { useNow } from "./use-now.js";

const ClockContext = createContext<number>(0);

/**
 * The time the screen's relative times are shown at, ticking every second. One clock for the header,
 * the table and the detail pane: every tick is one frame, not one per component that shows a time.
 */
export function Clock({ children }: { children: ReactNode }) {
  return <ClockContext.Provider value={useNow(1000)}>{children}</ClockContext.Provider>;
}

/** The time of the enclosing `Clock`'s last tick (ms since the epoch). */
export const useClock = (): number => useContext(ClockContext);
