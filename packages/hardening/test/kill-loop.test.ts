import { join } from "node:path";
import { useTempDir } from "@stream-tokens/testkit/fixtures";
import { type SeededServer, startSeededServer } from "@stream-tokens/testkit/server-cli";
import Database from "better-sqlite3";
import { Client } from "stream-tokens";
import { afterAll, describe, expect, it } from "vitest";
import { profile } from "./support/profile.js";

const tempDir = useTempDir();
let current: SeededServer | undefined;

afterAll(async () => {
  await current?.kill("SIGKILL");
});

/** Writes until the server dies under it; returns what the server acknowledged. */
async function writeUntilKilled(client: Client, writers: number) {
  const created: number[] = [];
  const deleted: number[] = [];
  // A delete cut off by the kill may or may not have happened: its token is in neither list.
  const uncertain = new Set<number>();
  let alive = true;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (alive) {
        try {
          const token = await client.streams.tokens.create({ permanent: false });
          created.push(token.id);
          if (token.id % 3 === 0) {
            uncertain.add(token.id);
            await client.streams.tokens.delete(token.id);
            uncertain.delete(token.id);
            deleted.push(token.id);
          }
        } catch {
          alive = false;
        }
      }
    }),
  );
  return { created, deleted, uncertain };
}

describe("the server killed with SIGKILL during a write load, again and again", () => {
  it(`keeps every acknowledged write across ${profile.killRounds} kills, and the database opens cleanly`, async () => {
    const acknowledged = new Set<number>();
    const removed = new Set<number>();
    const db = join(tempDir(), "tokens.db");
    for (let round = 0; round < profile.killRounds; round++) {
      current = await startSeededServer(["--db", db]);
      const account = current.apiTokens.account;
      const client = new Client({ apiToken: account, baseUrl: current.url, maxRetries: 0, timeout: 5_000 });

      const present = new Set<number>();
      for await (const token of client.streams.tokens.listAll()) present.add(token.id);
      const lost = [...acknowledged].filter((id) => !present.has(id));
      const resurrected = [...removed].filter((id) => present.has(id));
      expect({ round, lost, resurrected }).toEqual({ round, lost: [], resurrected: [] });

      const load = writeUntilKilled(client, 4);
      await new Promise((resolve) => setTimeout(resolve, 150 + ((round * 97) % 400)));
      await current.kill("SIGKILL");
      const { created, deleted, uncertain } = await load;
      for (const id of created) acknowledged.add(id);
      for (const id of uncertain) acknowledged.delete(id);
      for (const id of deleted) {
        acknowledged.delete(id);
        removed.add(id);
      }
      expect(created.length).toBeGreaterThan(0);

      const check = new Database(db, { readonly: true, fileMustExist: true });
      try {
        expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
      } finally {
        check.close();
      }
    }
    expect(acknowledged.size).toBeGreaterThan(profile.killRounds * 5);
  });
});
