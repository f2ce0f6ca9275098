// Code a user of the changed spec would write, put into the scratch copy: the typecheck checks it
// with everything else, and the round trip runs it against the real server.
import { spawnSync } from "node:child_process";
import type { Scratch } from "./scratch.js";

/** Where probes go: the evolution package's tests of the copy (typechecked, and vitest runs them). */
const PROBES = "packages/evolution/test";

/**
 * Create, get and list through the library against the real server, then the TUI's detail pane.
 * Returns the probe's file, relative to the evolution package.
 */
export function writeRoundTripProbe(scratch: Scratch, field: string, value: string): string {
  const file = "test/evolution-round-trip.test.ts";
  scratch.write(
    `packages/evolution/${file}`,
    `import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../../apps/server/src/index.js";
import { detailLines } from "../../../apps/tui/src/token-fields.js";
import { Client } from "../../sdk/src/index.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ seed: true });
});
afterAll(() => server.close());

it("${field} given to create() is stored, returned by get() and list(), and shown by the TUI", async () => {
  const client = new Client({ apiToken: server.apiTokens?.account, baseUrl: server.url });
  const created = await client.streams.tokens.create({ permanent: false, ${field}: ${JSON.stringify(value)} });
  expect(created.${field}).toBe(${JSON.stringify(value)});
  const read = await client.streams.tokens.get(String(created.id));
  expect(read.${field}).toBe(${JSON.stringify(value)});
  const listed = await client.streams.tokens.list({ limit: 100 });
  expect(listed.find((token) => token.id === created.id)?.${field}).toBe(${JSON.stringify(value)});
  const shown = detailLines.map((line) => \`\${line.label}: \${line.value(read, { revealed: false, now: Date.now() })}\`);
  expect(shown).toContain(${JSON.stringify(`${field}: ${value}`)});
});
`,
  );
  return file;
}

/** Runs test files of one package of the copy with its vitest; throws the output on a failure. */
export function runTests(scratch: Scratch, packageDir: string, files: readonly string[]): void {
  const run = spawnSync("node_modules/.bin/vitest", ["run", ...files], {
    cwd: scratch.path(packageDir),
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, CI: "true", NO_COLOR: "1" },
  });
  if (run.status !== 0)
    throw new Error(`${packageDir}: vitest run ${files.join(" ")} failed:\n${run.stdout}${run.stderr}`);
}

/** The server raises the new code by name; a caller of the library compares with it by name. */
export function writeErrorCodeProbes(scratch: Scratch, name: string, code: number, status: number): void {
  scratch.write(
    "apps/server/src/evolution-probe.ts",
    `import { ApiError, ErrorCode } from "./errors.js";

export const raised = (): ApiError => new ApiError(${status}, ErrorCode.${name}, "raised by name");
`,
  );
  scratch.write(
    `${PROBES}/evolution-error-code.ts`,
    `import { ErrorCode } from "../../sdk/src/index.js";

export const byName: ${code} = ErrorCode.${name};
export const asCode: ErrorCode = ${code};
`,
  );
}

/**
 * list() takes the new query parameter, typed (a string passes, a number does not), and sends it
 * to the real server, which accepts it. Returns the probe's file, relative to the evolution package.
 */
export function writeListParameterProbe(scratch: Scratch, name: string): string {
  const file = "test/evolution-list-parameter.test.ts";
  scratch.write(
    `packages/evolution/${file}`,
    `import { expect, it } from "vitest";
import { startServer } from "../../../apps/server/src/index.js";
import { Client } from "../../sdk/src/index.js";

export const mistyped = (client: Client) =>
  // @ts-expect-error the parameter is a string
  client.streams.tokens.list({ ${name}: 7 });

it("list() sends ${name} and the server accepts it", async () => {
  const server = await startServer({ seed: true });
  try {
    const client = new Client({ apiToken: server.apiTokens?.account, baseUrl: server.url });
    expect(await client.streams.tokens.list({ ${name}: "camera" })).toEqual([]);
  } finally {
    await server.close();
  }
});
`,
  );
  return file;
}
