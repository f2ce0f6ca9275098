import { type SeededServer, startSeededServer } from "@stream-tokens/testkit/server-cli";
import { afterAll, beforeAll } from "vitest";

/**
 * The local server with its demo account, in a process of its own, for the tests of one file:
 * started before them, stopped after. The getter returns it once started.
 */
export function useSeededServer(): () => SeededServer {
  let server: SeededServer | undefined;
  beforeAll(async () => {
    server = await startSeededServer();
  });
  afterAll(async () => {
    await server?.kill();
  });
  return () => {
    if (server === undefined) throw new Error("the seeded server is used before it started");
    return server;
  };
}
