import { type Key, useInput } from "ink";
import { useCallback, useLayoutEffect, useRef, useState } from "react";

type KeyPress = readonly [input: string, key: Key];

/**
 * Ink's `useInput`, one key per render. Keys that arrive together (typed ahead, a slow link, a busy
 * machine; Ink hands them over one by one, see apps/tui/patches/) would otherwise all act on the
 * screen as it was before the first of them: `?` then Esc then `q` must open the help, close it and
 * quit, not close the help twice. Each key waits for the render of the key before it.
 */
export function useKeyPresses(handle: (input: string, key: Key) => void): void {
  const latestHandle = useRef(handle);
  latestHandle.current = handle;
  const waiting = useRef<KeyPress[]>([]);
  const rendering = useRef(false);
  const [, setHandledCount] = useState(0);

  const handleNext = useCallback(() => {
    const press = waiting.current.shift();
    rendering.current = press !== undefined;
    if (!press) return;
    // Every key renders, even one that changes nothing (or throws), so the keys behind it move on.
    setHandledCount((count) => count + 1);
    latestHandle.current(...press);
  }, []);

  useInput(
    useCallback(
      (input: string, key: Key) => {
        waiting.current.push([input, key]);
        if (!rendering.current) handleNext();
      },
      [handleNext],
    ),
  );

  useLayoutEffect(() => {
    if (rendering.current) handleNext();
  });
}
