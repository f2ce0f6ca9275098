import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type CliServer, spawnCli } from "./cli-process.js";
import { errorCodesOf, type HttpResponse, TokenApi } from "./http.js";
import { useServer, useTempDir } from "./servers.js";

const server = useServer();
const tempDir = useTempDir();

function tally(responses: HttpResponse[]) {
  const created = responses.filter((r) => r.status === 201);
  const refused = responses.filter((r) => r.status === 409 && errorCodesOf(r).join() === "1300");
  return {
    created: created.length,
    refused: refused.length,
    other: responses.length - created.length - refused.length,
  };
}

describe("at most 5 permanent tokens per scope", () => {
  it("50 concurrent permanent creates: exactly 5 x 201 and 45 x 409/1300", async () => {
    const fresh = server().createAccount();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => new TokenApi(server().url, fresh.account).create(true)),
    );
    expect(tally(responses)).toEqual({ created: 5, refused: 45, other: 0 });
  });

  describe("two server processes on one database file", () => {
    const started: CliServer[] = [];
    afterEach(async () => {
      for (const cli of started.splice(0)) {
        cli.process.kill("SIGTERM");
        await cli.exited;
      }
    });

    it("still gives exactly 5 successes out of 50 concurrent creates, and no SQLITE_BUSY", async () => {
      const db = join(tempDir(), "shared.db");
      // Started at the same moment: migrations and the demo seed must not race either.
      const [first, second] = await Promise.all([
        spawnCli(["--db", db, "--seed", "--port", "0"]),
        spawnCli(["--db", db, "--seed", "--port", "0"]),
      ]);
      if (!first || !second) throw new Error("two servers expected");
      started.push(first, second);
      const tokens = first.ready.apiTokens;
      expect(tokens).toBeDefined();
      expect(second.ready.apiTokens).toEqual(tokens);
      const apiToken = tokens?.account ?? "";
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          new TokenApi(i % 2 ? first.ready.url : second.ready.url, apiToken).create(true),
        ),
      );
      expect(tally(responses)).toEqual({ created: 5, refused: 45, other: 0 });
    });
  });
});
