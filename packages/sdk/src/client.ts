import {
  CoreClient,
  type CoreClientOptions,
  checkClientOptions,
  normalizeBaseUrl,
  ValidationError,
} from "@stream-tokens/core";

/** The platform's API namespace, used when neither `baseUrl` nor `NEUROIO_API_URL` is set. */
export const DEFAULT_BASE_URL = "https://api.neuroio.com";
const API_TOKEN_ENV = "NEUROIO_API_TOKEN";
const BASE_URL_ENV = "NEUROIO_API_URL";

export interface ClientOptions extends Omit<CoreClientOptions, "apiToken" | "baseUrl"> {
  /** Default: the `NEUROIO_API_TOKEN` environment variable. */
  apiToken?: string | undefined;
  /** Default: `NEUROIO_API_URL`, else `https://api.neuroio.com`. */
  baseUrl?: string | undefined;
}

function fromEnvironment(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/**
 * The NeuroIO Stream-Tokens client: `client.streams.tokens.create/list/listAll/get/update/delete/deleteList`.
 */
export class Client extends CoreClient {
  constructor(options: ClientOptions = {}) {
    // Before the environment is read: a typo (`apitoken`) is named, not reported as a missing token.
    checkClientOptions(options);
    const apiToken = options.apiToken ?? fromEnvironment(API_TOKEN_ENV);
    if (apiToken === undefined) {
      throw new ValidationError("apiToken", `pass apiToken or set ${API_TOKEN_ENV}`);
    }
    const fromVariable = options.baseUrl === undefined ? fromEnvironment(BASE_URL_ENV) : undefined;
    const baseUrl =
      options.baseUrl ??
      (fromVariable === undefined ? DEFAULT_BASE_URL : normalizeBaseUrl(fromVariable, BASE_URL_ENV));
    super({ ...options, apiToken, baseUrl });
  }
}
