import { useEffect, useState } from "react";

/** The current time, updated every `intervalMs` so relative times tick, and fresh when the interval changes. */
export function useNow(intervalMs = 1000): number {
  const [clock, setClock] = useState(() => ({ now: Date.now(), intervalMs }));
  let now = clock.now;
  if (clock.intervalMs !== intervalMs) {
    // A new interval (x turned on): this very render reads the time anew, not the one of the old interval.
    now = Date.now();
    setClock({ now, intervalMs });
  }
  useEffect(() => {
    const timer = setInterval(() => setClock({ now: Date.now(), intervalMs }), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
