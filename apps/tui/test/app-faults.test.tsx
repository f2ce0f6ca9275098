import { CoreClient } from "@stream-tokens/core";
import { json, startFaultServer, token } from "@stream-tokens/testkit/fault-server";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, rowOf, startApp } from "./support/app-harness.js";
import { keys } from "./support/keys.js";

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup) await step();
  cleanup = [];
});

async function appOn(handler: Parameters<typeof startFaultServer>[0]): Promise<Harness> {
  const standIn = await startFaultServer(handler);
  const service = new CoreClient({ apiToken: "at_standin", baseUrl: standIn.url, maxRetries: 0 }).streams
    .tokens;
  // The harness only asks for an account; these tests talk to the stand-in with a made-up token.
  const accounts = {
    url: standIn.url,
    createAccount: () => ({ account: "at_standin", space: "", manager: "" }),
  };
  const harness = await startApp(accounts, {
    serviceOverride: service,
  });
  cleanup.push(
    async () => harness.unmount(),
    () => standIn.close(),
  );
  return harness;
}

describe("progress and errors from the server", () => {
  it("a spinner runs while a request is pending", async () => {
    let answer: (() => void) | undefined;
    const harness = await appOn((request, response) => {
      const offset = new URL(request.url ?? "/", "http://x").searchParams.get("offset");
      // The first page waits for the test; later pages (the pager reads until an empty one) are empty.
      if (offset === "0" && answer === undefined) answer = () => json(response, 200, [token(1)]);
      else json(response, 200, []);
    });
    const spinning = await harness.waitFor((frame) => frame.includes("loading tokens…"), "the spinner");
    expect(spinning).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] loading tokens…/);
    await harness.waitFor(() => answer !== undefined, "the request to arrive");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.frame(), "still spinning while the server holds the answer").toContain("loading tokens…");
    answer?.();
    await harness.waitFor(
      (frame) => !frame.includes("loading tokens…") && frame.includes("· 1 token "),
      "loaded",
    );
  });

  it("shows the server's message and every field error, and keeps it until Esc", async () => {
    const harness = await appOn((request, response) => {
      if (request.method === "GET") return json(response, 200, []);
      json(response, 400, {
        error_codes: [1000],
        message: "Invalid request.",
        fields: [{ name: "permanent", message: "must be a boolean", error_code: 1000 }],
      });
    });
    await harness.waitFor((frame) => frame.includes("refreshed"), "loaded");
    await harness.press("n");
    const frame = await harness.waitFor((text) => text.includes("✗ 400"), "the error");
    expect(frame).toContain("Invalid request.");
    expect(frame).toContain("permanent: must be a boolean");
    await harness.press(keys.escape);
    await harness.waitFor((text) => !text.includes("✗ 400"), "dismissed");
  });

  it("a long error wraps onto up to three rows instead of being cut, and the frame keeps its height", async () => {
    const fields = [
      { name: "permanent", message: "the limit of 5 permanent stream tokens is reached", error_code: 1300 },
      {
        name: "account",
        message: "delete a permanent token first, or create a temporary one",
        error_code: 1300,
      },
    ];
    const harness = await appOn((request, response) => {
      if (request.method === "GET") return json(response, 200, []);
      json(response, 409, { error_codes: [1300], message: "Too many permanent stream tokens.", fields });
    });
    harness.rerender({ width: 80, height: 23 });
    await harness.waitFor((frame) => frame.includes("refreshed"), "loaded");
    await harness.press("n");
    const frame = await harness.waitFor((text) => text.includes("✗ 409"), "the error");
    const squeezed = frame.replace(/\s+/g, "");
    for (const field of fields)
      expect(squeezed).toContain(`${field.name}:${field.message}`.replace(/\s+/g, ""));
    expect(squeezed).toContain("Escdismisses");
    expect(frame.split("\n")).toHaveLength(23);
  });

  it("space shows the new state before the server answers, and rolls back when it refuses", async () => {
    let refuse: (() => void) | undefined;
    const harness = await appOn((request, response) => {
      if (request.method === "GET") return json(response, 200, [token(7)]);
      refuse = () =>
        json(response, 403, {
          error_codes: [1101],
          message: "This api token may not do that.",
          fields: [],
        });
    });
    await harness.waitFor((frame) => frame.includes("· 1 token "), "loaded");
    await harness.press(keys.space);
    await harness.waitFor(() => refuse !== undefined, "the update to arrive");
    await harness.waitFor((frame) => /temporary\s+no/.test(rowOf(frame, 7) ?? ""), "the optimistic state");
    expect(harness.frame()).toContain("deactivating #7");
    refuse?.();
    await harness.waitFor((frame) => frame.includes("✗ 403"), "the refusal");
    expect(rowOf(harness.frame(), 7)).toMatch(/temporary\s+yes/);
  });
});
