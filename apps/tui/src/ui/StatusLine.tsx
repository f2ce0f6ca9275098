import { Text } from "ink";
import { useEffect, useState } from "react";
import { fit } from "./text.js";
import { useColor } from "./theme.js";

export type Status = { kind: "idle" } | { kind: "success"; text: string } | { kind: "error"; text: string };

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

function Spinner() {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((current) => (current + 1) % SPINNER.length), 100);
    return () => clearInterval(timer);
  }, []);
  return <Text>{SPINNER[frame]}</Text>;
}

interface StatusLineProps {
  status: Status;
  /** What the requests in flight are doing; empty when none runs. */
  busy: string;
  width: number;
}

/** Progress (a spinner), then errors (until Esc), then successes (they fade on their own). */
export function StatusLine({ status, busy, width }: StatusLineProps) {
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
      <Text wrap="truncate-end" {...(color ? { color: "red" } : {})}>
        {fit(`✗ ${status.text} · Esc dismisses`, width)}
      </Text>
    );
  }
  if (status.kind === "success") {
    return (
      <Text wrap="truncate-end" {...(color ? { color: "green" } : {})}>
        {fit(`✓ ${status.text}`, width)}
      </Text>
    );
  }
  return <Text>{fit("", width)}</Text>;
}
