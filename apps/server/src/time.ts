/** Microseconds since the Unix epoch, the unit timestamps are stored in. */
export type EpochMicros = number;

export function toEpochMicros(date: Date): EpochMicros {
  return date.getTime() * 1000;
}

/** "00" to "99", so a time of day is three lookups. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, "0"));

/** The civil date of the last day formatted: a page of tokens mostly shares its days. */
let lastDay = Number.NaN;
let lastDate = "";

/**
 * Formats like the platform: `2021-05-28T10:37:51.433760+00:00`. Computed with integer
 * arithmetic and the date of the last day reused: a list formats 40 of these per page.
 */
export function formatDateTime(micros: EpochMicros): string {
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  const days = Math.floor(seconds / 86_400);
  const secondOfDay = seconds - days * 86_400;
  if (days !== lastDay) {
    lastDate = civilDate(days);
    lastDay = days;
  }
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay - hour * 3600) / 60);
  const second = secondOfDay - hour * 3600 - minute * 60;
  return `${lastDate}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.${String(1_000_000 + fraction).slice(1)}+00:00`;
}

/** `YYYY-MM-DD` of a day number since the epoch (days to civil date, H. Hinnant's algorithm). */
function civilDate(days: number): string {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}
