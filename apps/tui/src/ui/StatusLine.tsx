import { Box, Text } from "ink";
import { useEffect, useState } from "react";
import { fit } from "./text.js";
import { useColor } from "./theme.js";

export type Status = { kind: "idle" } | { kind: "success"; text: string } | { kind: "error"; text: string };

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
/** An error may take up to this many rows, so its message and field errors can be read whole. */
const MAX_ERROR_ROWS = 3;

function Spinner() {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((current) => (current + 1) % SPINNER.length), 100);
    return () => clearInterval(timer);
  }, []);
  return <Text>{SPINNER[frame]}</Text>;
}

const errorText = (text: string): string => `✗ ${text} · Esc dismisses`;

/** An error cut into rows of the frame's width, at most three (the last one ends in … when cut). */
function errorRows(text: string, width: number): string[] {
  const whole = errorText(text);
  const size = Math.max(1, width);
  const rows: string[] = [];
  for (let start = 0; start < whole.length && rows.length < MAX_ERROR_ROWS; start += size) {
    rows.push(whole.slice(start, start + size));
  }
  if (whole.length > size * MAX_ERROR_ROWS) rows[MAX_ERROR_ROWS - 1] = fit(whole.slice(size * 2), size);
  return rows;
}

/** Rows the status needs: one, or up to three for a long error (it is wrapped, not cut). */
export function statusHeight(status: Status, busy: string, width: number): number {
  if (busy || status.kind !== "error") return 1;
  return errorRows(status.text, width).length;
}

interface StatusLineProps {
  status: Status;
  /** What the requests in flight are doing; empty when none runs. */
  busy: string;
  width: number;
  /** What stays said while nothing else is (a replacement's live keys). */
  note?: string | undefined;
}

/** Progress (a spinner), then errors (until Esc), then successes (they fade on their own). */
export function StatusLine({ status, busy, width, note }: StatusLineProps) {
  const color = useColor();
  if (busy) {
    return (
      <Text wrap="truncate-end">
        <Spinner /> {fit(`${busy}…`, width - 2)}
      </Text>
    );
  }
  if (status.kind === "error") {
    return (
      <Box width={width} flexDirection="column">
        {errorRows(status.text, width).map((row) => (
          <Text key={row} {...(color ? { color: "red" } : {})}>
            {row}
          </Text>
        ))}
      </Box>
    );
  }
  if (status.kind === "success") {
    return (
      <Text wrap="truncate-end" {...(color ? { color: "green" } : {})}>
        {fit(`✓ ${status.text}`, width)}
      </Text>
    );
  }
  return <Text>{fit(note ?? "", width)}</Text>;
}
