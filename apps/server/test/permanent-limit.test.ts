import { join } from "node:path";
import { type SeededServer, startSeededServer } from "@stream-tokens/testkit/server-cli";
import { afterEach, describe, expect, it } from "vitest";
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
    const started: SeededServer[] = [];
    afterEach(async () => {
      await Promise.all(started.splice(0).map((cli) => cli.kill()));
    });

    it("still gives exactly 5 successes out of 50 concurrent creates, and no SQLITE_BUSY", async () => {
      const db = join(tempDir(), "shared.db");
      // Started at the same moment: migrations and the demo seed must not race either.
      const [first, second] = await Promise.all([
        startSeededServer(["--db", db]),
        startSeededServer(["--db", db]),
      ]);
      started.push(first, second);
      const tokens = first.apiTokens;
      expect(tokens).toBeDefined();
      expect(second.apiTokens).toEqual(tokens);
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          new TokenApi(i % 2 ? first.url : second.url, tokens.account).create(true),
        ),
      );
      expect(tally(responses)).toEqual({ created: 5, refused: 45, other: 0 });
    });
  });
});
