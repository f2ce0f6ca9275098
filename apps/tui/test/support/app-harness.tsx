import type { StreamToken } from "@stream-tokens/api-types";
import { CoreClient } from "@stream-tokens/core";
import { render } from "ink-testing-library";
import { type RunningServer, type StartServerOptions, startServer } from "stream-tokens-server";
import { afterAll, afterEach, beforeAll } from "vitest";
import { NO_MAX, type TokenService } from "../../src/token-service.js";
import { App, type AppProps } from "../../src/ui/App.js";
import { ColorContext } from "../../src/ui/theme.js";

export interface Harness {
  /** The api (for checking state) of the account the UI shows. */
  api: TokenService;
  apiToken: string;
  frame(): string;
  press(...sequence: string[]): Promise<void>;
  waitFor(predicate: (frame: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  copied: string[];
  quits: () => number;
  requests: Request[];
  rerender(props: Partial<AppProps>): void;
  unmount(): void;
}

export interface HarnessOptions extends Partial<AppProps> {
  color?: boolean;
  /** Runs against this service instead of a fresh account of the server. */
  serviceOverride?: TokenService;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the harness needs of a server: its URL and a way to make a fresh account. */
export type AccountSource = Pick<RunningServer, "url" | "createAccount">;

/** Renders the App for a fresh account of a real local server and waits for its first load. */
export async function startApp(server: AccountSource, options: HarnessOptions = {}): Promise<Harness> {
  const { color = true, serviceOverride, ...props } = options;
  const apiToken = server.createAccount().account;
  const requests: Request[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    requests.push(request.clone());
    return fetch(request);
  };
  const uiClient = new CoreClient({ apiToken, baseUrl: server.url, fetch: recordingFetch });
  const api = new CoreClient({ apiToken, baseUrl: server.url }).streams.tokens;
  const copied: string[] = [];
  let quitCount = 0;
  let current: AppProps = {
    service: serviceOverride ?? uiClient.streams.tokens,
    server: { context: "local", url: server.url, local: true, maskedToken: "at_xx…xxxx" },
    width: 100,
    height: 23,
    onQuit: () => {
      quitCount += 1;
    },
    copyToClipboard: (text) => {
      copied.push(text);
    },
    ...props,
  };
  const element = (appProps: AppProps) => (
    <ColorContext.Provider value={color}>
      <App {...appProps} />
    </ColorContext.Provider>
  );
  const ui = render(element(current));
  const frame = () => ui.lastFrame() ?? "";
  const waitFor = async (predicate: (frame: string) => boolean, what: string, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (predicate(frame())) return frame();
      await pause(15);
    }
    throw new Error(`timed out waiting for ${what}; the screen was:\n${frame()}`);
  };
  const harness: Harness = {
    api,
    apiToken,
    frame,
    press: async (...sequence) => {
      for (const data of sequence) {
        ui.stdin.write(data);
        await pause(30);
      }
    },
    waitFor,
    copied,
    quits: () => quitCount,
    requests,
    rerender: (next) => {
      current = { ...current, ...next };
      ui.rerender(element(current));
    },
    unmount: () => ui.unmount(),
  };
  if (!serviceOverride) await waitFor((text) => text.includes("refreshed"), "the first load");
  else await pause(50);
  return harness;
}

/** The line of the frame that shows a token's row (by its id in the first column). */
export function rowOf(frame: string, id: number): string | undefined {
  return frame.split("\n").find((line) => new RegExp(`^[› ] ${id} `).test(line));
}

/** The id on the selected (›) row. */
export function selectedId(frame: string): number | undefined {
  const line = frame.split("\n").find((each) => each.startsWith("› "));
  const id = line?.slice(2).trim().split(/\s+/)[0];
  return id === undefined ? undefined : Number(id);
}

export async function allTokens(api: TokenService, permanent?: boolean): Promise<StreamToken[]> {
  return api.listAll(permanent === undefined ? {} : { permanent }).toArray(NO_MAX);
}

export interface AppServer {
  /** The in-memory server of the test file (started in beforeAll). */
  readonly server: RunningServer;
  /** Starts the App for a fresh account; it is unmounted after the test. */
  open(options?: HarnessOptions): Promise<Harness>;
}

/**
 * Registers the hooks of a test file whose tests each render the App: one in-memory server for the
 * file (beforeAll/afterAll) and the test's app unmounted after it (afterEach).
 */
export function useAppServer(options: Omit<StartServerOptions, "db"> = {}): AppServer {
  let running: RunningServer | undefined;
  let app: Harness | undefined;
  beforeAll(async () => {
    running = await startServer({ db: ":memory:", ...options });
  });
  afterAll(async () => {
    await running?.close();
  });
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });
  const server = (): RunningServer => {
    if (!running) throw new Error("the server starts in beforeAll");
    return running;
  };
  return {
    get server() {
      return server();
    },
    open: async (appOptions = {}) => {
      app = await startApp(server(), appOptions);
      return app;
    },
  };
}
