/** Set-up for one test file, needing none of the server's code at run time. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

/** The demo account's api tokens, as a seeded server reports them. */
export interface ApiTokens {
  account: string;
  space: string;
  manager: string;
}

/** Something started before the file's tests (a server, a proxy) and closed after them. */
export function useStarted<T extends { close(): Promise<void> }>(start: () => Promise<T>): () => T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    await started?.close();
  });
  return () => {
    if (!started) throw new Error("not started yet");
    return started;
  };
}

/** The demo account's api tokens of a server started with `seed: true`. */
export function demoTokens(server: { apiTokens?: ApiTokens | undefined }): ApiTokens {
  if (!server.apiTokens) throw new Error("seeded server expected");
  return server.apiTokens;
}

/** A temporary directory for database files, removed after the test file. */
export function useTempDir(): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "stream-tokens-server-"));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!dir) throw new Error("the temporary directory is not created yet");
    return dir;
  };
}
