import type { FastifyRequest } from "fastify";
import { maskSecret } from "./secrets.js";

/** Masks stream-token keys and api tokens wherever a URL carries them (path segments, query values). */
export function redactUrl(url: string): string {
  return url
    .replace(/(\/tokens\/)([^/?#]+)/g, (match, lead: string, segment: string) =>
      /^[0-9]+$/.test(segment) ? match : `${lead}${maskSecret(segment)}`,
    )
    .replace(/\b(?:st|at)_[A-Za-z0-9_%-]+/g, (secret) => maskSecret(secret));
}

/** Pino serializers: no headers at all (so no Authorization), and redacted URLs. */
export const logSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: redactUrl(request.url),
    remoteAddress: request.ip,
  }),
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
};
