const SERVER_PACKAGE = "stream-tokens-server";

/** No api token anywhere, and the optional local server is not installed: nothing to connect to. */
export class NothingToConnectError extends Error {
  override readonly name = "NothingToConnectError";

  constructor() {
    super(
      "no api token configured: run `stream-tokens login --token TOKEN` (or set NEUROIO_API_TOKEN), " +
        `or \`npm i -g ${SERVER_PACKAGE}\` to try it on a local server`,
    );
  }
}

/** True when `error` says that `specifier` itself (not something it imports) cannot be found. */
function isMissing(error: unknown, specifier: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = Reflect.get(error, "code");
  return code === "ERR_MODULE_NOT_FOUND" && error.message.includes(`'${specifier}'`);
}

/**
 * The local server's module, loaded only when it is needed (no api token configured). It is an
 * optional peer of the CLI: installed next to it (`npm i -g stream-tokens-server`), or not at all.
 */
export async function loadLocalServer(): Promise<typeof import("stream-tokens-server")> {
  try {
    return await import(SERVER_PACKAGE);
  } catch (error) {
    if (isMissing(error, SERVER_PACKAGE)) throw new NothingToConnectError();
    throw error;
  }
}
