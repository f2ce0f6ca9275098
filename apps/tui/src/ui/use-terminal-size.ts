import { useEffect, useState } from "react";

interface TerminalSize {
  columns: number;
  rows: number;
}

const sizeOf = (stream: NodeJS.WriteStream): TerminalSize => ({
  columns: stream.columns || 80,
  rows: stream.rows || 24,
});

/** The terminal's size, updated on every resize. */
export function useTerminalSize(stream: NodeJS.WriteStream): TerminalSize {
  const [size, setSize] = useState(() => sizeOf(stream));
  useEffect(() => {
    const onResize = () => setSize(sizeOf(stream));
    stream.on("resize", onResize);
    return () => {
      stream.off("resize", onResize);
    };
  }, [stream]);
  return size;
}
