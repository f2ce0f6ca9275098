import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type ApiTokens, type RunningServer, type StartServerOptions, startServer } from "../src/index.js";

/** A server on a free port with a fresh in-memory database for one test file, closed afterwards. */
export function useServer(options: StartServerOptions = {}): () => RunningServer {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer({ seed: true, ...options });
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error("the server is not started yet");
    return server;
  };
}

/** The demo account's api tokens of a server started with `seed: true` (useServer's default). */
export function demoTokens(server: RunningServer): ApiTokens {
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
