import type { StreamToken } from "@stream-tokens/api-types";
import { APIError, isPermanent, maskSecret } from "./core.js";

/** "1 token", "3 tokens", "1 temporary token": the noun follows the count. */
export const countOf = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** `3d 4h` (from two days), `24h 0m 0s`, `4m 2s`, `9s`: seconds shown below two days, so it ticks. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((days >= 2 ? total % 86_400 : total) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days >= 2) return `${days}d ${hours}h`;
  if (total >= 3600) return `${hours}h ${minutes}m ${seconds}s`;
  if (minutes > 0) return `${minutes}m ${seconds}s`;
  return `${seconds}s`;
}

/** `never` for a permanent token, `in 23h 59m 12s` before, `expired 5m 2s ago` after expiry. */
export function formatExpires(token: StreamToken, now: number): string {
  if (token.expires === null) return "never";
  const expires = Date.parse(token.expires);
  if (Number.isNaN(expires)) return token.expires;
  const left = expires - now;
  return left > 0 ? `in ${formatDuration(left)}` : `expired ${formatDuration(-left)} ago`;
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

/** `2026-11-29 10:31` in local time; the raw value when it is not a date. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

/** `10:31:05` in local time. */
export function formatClock(date: Date): string {
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

export const kindOf = (token: StreamToken): "permanent" | "temporary" =>
  isPermanent(token) ? "permanent" : "temporary";

export const displayKey = (token: StreamToken, reveal: boolean): string =>
  reveal ? token.key : maskSecret(token.key);

/** One line for the status bar or stderr: what failed, the server's message and its field errors. */
export function describeError(error: unknown): string {
  if (error instanceof APIError) {
    const codes = error.errorCodes.length > 0 ? ` [code ${error.errorCodes.join(", ")}]` : "";
    const fields = error.fields.map((field) => `${field.name}: ${field.message}`).join("; ");
    return `${error.status} ${error.message}${codes}${fields ? ` (${fields})` : ""}`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
