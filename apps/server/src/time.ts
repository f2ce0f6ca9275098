/** Microseconds since the Unix epoch, the unit timestamps are stored in. */
export type EpochMicros = number;

export function toEpochMicros(date: Date): EpochMicros {
  return date.getTime() * 1000;
}

/** Formats like the platform: `2021-05-28T10:37:51.433760+00:00`. */
export function formatDateTime(micros: EpochMicros): string {
  const millis = Math.floor(micros / 1000);
  const fraction = micros - Math.floor(micros / 1_000_000) * 1_000_000;
  const seconds = new Date(millis).toISOString().slice(0, 19);
  return `${seconds}.${String(fraction).padStart(6, "0")}+00:00`;
}
