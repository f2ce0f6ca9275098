import { useCallback, useRef, useState } from "react";
import type { Job } from "./jobs.js";

export interface Jobs {
  /** The jobs in flight, oldest first. */
  running: readonly Job[];
  /** Runs the work as a job: its value, or undefined when it threw (the error goes to `onError`). */
  run<T>(job: Job, work: () => Promise<T>): Promise<{ value: T } | undefined>;
  /** How many jobs run now, read at call time (for timers). */
  count(): number;
}

/** The requests in flight, and where their failures go. */
export function useJobs(onError: (error: unknown) => void): Jobs {
  const [running, setRunning] = useState<readonly { id: number; job: Job }[]>([]);
  const latestOnError = useRef(onError);
  latestOnError.current = onError;
  const sequence = useRef(0);
  const inFlight = useRef(0);
  const run = useCallback(async <T>(job: Job, work: () => Promise<T>) => {
    const id = ++sequence.current;
    inFlight.current += 1;
    setRunning((current) => [...current, { id, job }]);
    try {
      return { value: await work() };
    } catch (error) {
      latestOnError.current(error);
      return undefined;
    } finally {
      inFlight.current -= 1;
      setRunning((current) => current.filter((each) => each.id !== id));
    }
  }, []);
  const count = useCallback(() => inFlight.current, []);
  return { running: running.map((each) => each.job), run, count };
}
