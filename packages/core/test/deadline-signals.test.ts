import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { DeadlineSignals, TIMED_OUT } from "../src/deadline-signals.js";

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_001 });
});
afterEach(() => {
  vi.useRealTimers();
});

test("a signal never fires before its deadline, and at most one window (1/20 of it) after", () => {
  const signals = new DeadlineSignals();
  const lease = signals.acquire(1000);
  vi.advanceTimersByTime(999);
  expect(lease.signal.aborted).toBe(false);
  vi.advanceTimersByTime(101);
  expect(lease.signal.aborted).toBe(true);
  expect(lease.signal.reason).toBe(TIMED_OUT);
});

test("attempts started close together share one signal; a later one joins no earlier deadline", () => {
  const signals = new DeadlineSignals();
  const first = signals.acquire(4000);
  vi.advanceTimersByTime(10);
  const second = signals.acquire(4000);
  expect(second.signal).toBe(first.signal);
  vi.advanceTimersByTime(4000 - 10 - 1);
  expect(first.signal.aborted).toBe(false);
  vi.advanceTimersByTime(10 + 2 * 50);
  expect(second.signal.aborted).toBe(true);
});

test("a slot whose attempts all ended aborts nothing, and a full slot hands out a new signal", () => {
  const signals = new DeadlineSignals();
  const leases = Array.from({ length: 9 }, () => signals.acquire(1000));
  const tenth = signals.acquire(1000);
  expect(tenth.signal).not.toBe(leases[0]?.signal);
  for (const lease of leases) signals.release(lease);
  vi.advanceTimersByTime(2000);
  expect(leases[0]?.signal.aborted).toBe(false);
  expect(tenth.signal.aborted).toBe(true);
});

test("an attempt that starts after the window gets a signal of its own, never an earlier deadline", () => {
  const signals = new DeadlineSignals();
  const first = signals.acquire(1000);
  vi.advanceTimersByTime(51);
  const second = signals.acquire(1000);
  expect(second.signal).not.toBe(first.signal);
  vi.advanceTimersByTime(1000 - 1);
  expect(first.signal.aborted).toBe(true);
  expect(second.signal.aborted).toBe(false);
  vi.advanceTimersByTime(51);
  expect(second.signal.aborted).toBe(true);
});

test("attempts with other timeouts never share a signal", () => {
  const signals = new DeadlineSignals();
  const short = signals.acquire(100);
  const long = signals.acquire(4000);
  expect(long.signal).not.toBe(short.signal);
  vi.advanceTimersByTime(200);
  expect(short.signal.aborted).toBe(true);
  expect(long.signal.aborted).toBe(false);
});
