import { join } from "node:path";
import { useTempDir } from "@stream-tokens/testkit/fixtures";
import { type SeededServer, startSeededServer } from "@stream-tokens/testkit/server-cli";
import { APIError, Client, ConflictError, NotFoundError, type StreamToken } from "stream-tokens";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { profile } from "./support/profile.js";

const OPERATIONS_PER_CLIENT = 60;

const tempDir = useTempDir();
let servers: SeededServer[] = [];

beforeAll(async () => {
  const db = join(tempDir(), "tokens.db");
  // The second process reuses the demo account the first one seeded.
  servers = [await startSeededServer(["--db", db])];
  servers.push(await startSeededServer(["--db", db]));
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.kill()));
});

interface Acknowledged {
  creates: Array<{ token: StreamToken; sentAt: number }>;
  deletes: Set<number>;
  deleteLists: Array<{ permanent: boolean | undefined; ackAt: number }>;
  failures: string[];
  permanentSeen: number;
}

async function clientLoop(client: Client, seed: number, ack: Acknowledged): Promise<void> {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % n;
  };
  const mine: number[] = [];
  for (let i = 0; i < OPERATIONS_PER_CLIENT; i++) {
    const roll = next(100);
    try {
      if (roll < 40) {
        const sentAt = performance.now();
        const token = await client.streams.tokens.create({ permanent: roll < 12 });
        ack.creates.push({ token, sentAt });
        mine.push(token.id);
      } else if (roll < 60 && mine.length > 0) {
        const id = mine[next(mine.length)] ?? 0;
        await client.streams.tokens.update(id, { is_active: next(2) === 0 });
      } else if (roll < 78 && mine.length > 0) {
        const id = mine.splice(next(mine.length), 1)[0] ?? 0;
        await client.streams.tokens.delete(id);
        ack.deletes.add(id);
      } else if (roll < 82) {
        const permanent = [undefined, false, true][next(3)];
        await client.streams.tokens.deleteList(permanent === undefined ? {} : { permanent });
        ack.deleteLists.push({ permanent, ackAt: performance.now() });
      } else {
        const page = await client.streams.tokens.list({ permanent: true, limit: 100 });
        ack.permanentSeen = Math.max(ack.permanentSeen, page.length);
      }
    } catch (error) {
      // A 409 at the permanent limit and a 404 for a token another client's delete-list removed are
      // the platform's answers; anything else (5xx, SQLITE_BUSY, a dropped connection) is a failure.
      if (error instanceof ConflictError || error instanceof NotFoundError) continue;
      ack.failures.push(error instanceof APIError ? `${error.status} ${error.message}` : String(error));
    }
  }
}

describe("many clients on two server processes sharing one database file", () => {
  it("never answers 5xx, never exceeds 5 permanent tokens and loses no acknowledged create", async () => {
    const account = servers[0]?.apiTokens.account ?? "";
    const clients = Array.from({ length: profile.concurrentClients }, (_, index) => {
      const server = servers[index % servers.length];
      return new Client({ apiToken: account, baseUrl: server?.url ?? "", maxRetries: 0, timeout: 20_000 });
    });
    const ack: Acknowledged = {
      creates: [],
      deletes: new Set(),
      deleteLists: [],
      failures: [],
      permanentSeen: 0,
    };

    await Promise.all(clients.map((client, index) => clientLoop(client, index + 1, ack)));

    expect(ack.failures).toEqual([]);
    expect(ack.permanentSeen).toBeLessThanOrEqual(5);
    const reader = clients[0] as Client;
    const present = new Map<number, StreamToken>();
    for await (const token of reader.streams.tokens.listAll()) present.set(token.id, token);
    expect([...present.values()].filter((token) => token.expires === null).length).toBeLessThanOrEqual(5);

    const unexplained = ack.creates.filter(({ token, sentAt }) => {
      if (present.has(token.id) || ack.deletes.has(token.id)) return false;
      const permanent = token.expires === null;
      return !ack.deleteLists.some(
        (deletion) =>
          deletion.ackAt > sentAt && (deletion.permanent === undefined || deletion.permanent === permanent),
      );
    });
    expect(unexplained.map(({ token }) => token.id)).toEqual([]);
    expect(ack.creates.length).toBeGreaterThan(profile.concurrentClients * 5);
    for (const server of servers) expect(server.output()).not.toMatch(/SQLITE_BUSY|database is locked/);
  });
});
