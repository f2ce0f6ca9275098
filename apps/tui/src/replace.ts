import { parameterBounds, type StreamToken } from "@stream-tokens/api-types";
import { isPermanent } from "./core.js";
import type { TokenService } from "./token-service.js";
import { PERMANENT_LIMIT } from "./ui/token-view.js";

/**
 * In which order a replacement goes. Normally the new token is made first, so the old key stays
 * live until the new one exists. A permanent token when the account already holds the most allowed
 * is the exception: the old one must be deleted first, and until the new one exists no key is live.
 */
export type ReplaceOrder = "createFirst" | "deleteFirst";

export const replaceOrder = (token: StreamToken, permanentCount: number): ReplaceOrder =>
  isPermanent(token) && permanentCount >= PERMANENT_LIMIT ? "deleteFirst" : "createFirst";

/** The permanent tokens the account holds now (at most the limit, so one request). */
export async function permanentCountOf(service: TokenService): Promise<number> {
  return (await service.list({ permanent: true, limit: parameterBounds.Limit.maximum })).length;
}

/** A new token of the same kind as `token`. */
export const createLike = (service: TokenService, token: StreamToken): Promise<StreamToken> =>
  service.create({ permanent: isPermanent(token) });

/** What deleting a permanent token at the limit first means, for the dialog and the CLI's prompt. */
export const deleteFirstWarning = (id: number): string =>
  `${PERMANENT_LIMIT} permanent tokens exist, the most allowed: #${id} must be deleted before its replacement can be created. Clients using #${id} stop working at once, and until the new token exists no key of it is live; if the create then fails, there is no replacement.`;

/** A replacement that failed half-way: the message says which key is live; the cause, what failed. */
export class ReplaceFailed extends Error {
  override readonly name = "ReplaceFailed";
  constructor(cause: unknown, message: string) {
    super(message, { cause });
  }
}
