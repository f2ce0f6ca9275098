import { join } from "node:path";
import { spawnCli } from "@stream-tokens/testkit/server-cli";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/database.js";
import { type HttpResponse, rawRequest, TokenApi } from "./http.js";
import { useTempDir } from "./servers.js";

const tempDir = useTempDir();

describe("durability", () => {
  it("opens files in WAL mode with synchronous=FULL", () => {
    const db = openDatabase(join(tempDir(), "pragmas.db"));
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("synchronous", { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });

  it("every write answered 2xx survives kill -9 of the server", async () => {
    const db = join(tempDir(), "durable.db");
    const first = await spawnCli(["--db", db, "--seed", "--port", "0"]);
    const apiToken = first.ready.apiTokens?.account ?? "";
    const url = first.ready.url;
    const api = new TokenApi(url, apiToken);

    const created = new Map<number, { permanent: boolean }>();
    const deactivated = new Set<number>();
    const deleted = new Set<number>();
    const victims = [await api.createToken(), await api.createToken()];
    for (const victim of victims) created.set(victim.id, { permanent: false });

    const write = async (i: number): Promise<void> => {
      let response: HttpResponse;
      if (i === 10 || i === 20) {
        const victim = victims[i === 10 ? 0 : 1];
        response = await rawRequest(url, {
          method: "DELETE",
          path: `/v1/streams/tokens/${victim?.id}/`,
          headers: { authorization: `Token ${apiToken}` },
        });
        if (response.status === 204 && victim) deleted.add(victim.id);
        return;
      }
      const permanent = i % 40 === 0;
      response = await rawRequest(url, {
        method: "POST",
        path: "/v1/streams/tokens/",
        headers: { authorization: `Token ${apiToken}`, "content-type": "application/json" },
        body: JSON.stringify({ permanent }),
      });
      if (response.status !== 201) return;
      const token = response.body as { id: number };
      created.set(token.id, { permanent });
      if (i % 7 === 0) {
        const update = await rawRequest(url, {
          method: "PATCH",
          path: `/v1/streams/tokens/${token.id}/`,
          headers: {
            authorization: `Token ${apiToken}`,
            "content-type": "application/x-www-form-urlencoded",
          },
          body: "is_active=false",
        });
        if (update.status === 200) deactivated.add(token.id);
      }
    };

    // Writers keep going; the server is killed as soon as 200 writes have been acknowledged,
    // with more in flight.
    let next = 0;
    let killed = false;
    const writer = async () => {
      while (!killed) {
        const i = next++;
        try {
          await write(i);
        } catch {
          return; // the connection died with the server
        }
        if (!killed && created.size + deleted.size >= 200) {
          killed = true;
          first.process.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, writer));
    const exit = await first.exited;
    expect(exit.signal).toBe("SIGKILL");

    const second = await spawnCli(["--db", db, "--seed", "--port", "0"]);
    try {
      expect(second.ready.apiTokens?.account).toBe(apiToken);
      const survivors = new Map((await new TokenApi(second.ready.url, apiToken).all()).map((t) => [t.id, t]));
      expect(created.size).toBeGreaterThanOrEqual(190);
      for (const [id, { permanent }] of created) {
        if (deleted.has(id)) {
          expect(survivors.has(id), `deleted token ${id} came back`).toBe(false);
          continue;
        }
        const survivor = survivors.get(id);
        expect(survivor, `acknowledged token ${id} is missing`).toBeDefined();
        expect(survivor?.expires === null).toBe(permanent);
        if (deactivated.has(id)) expect(survivor?.is_active).toBe(false);
      }
    } finally {
      second.process.kill("SIGTERM");
      await second.exited;
    }
  });
});
