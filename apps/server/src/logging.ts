import type { FastifyRequest } from "fastify";
import { maskSecret } from "./secrets.js";

/** Percent-encoding may be nested (`%255F` is `%5F` is `_`); deeper nesting is masked whole. */
const DECODE_ROUNDS = 4;
/**
 * The random part of a key (32 base64url characters) or an api token (43) may travel without its
 * prefix; any run this long of base64url characters is masked. Ids and words are shorter.
 */
const SECRET_RUN = /[A-Za-z0-9_-]{16,}/g;
/** A prefixed secret wherever it starts, also right after a word character (`abcst_…`, `/xat_…`). */
const PREFIXED_SECRET = /(?:st|at)_[A-Za-z0-9_-]+/gi;
/** A path segment after `tokens/` is an id or a key: anything but digits is masked. */
const TOKEN_SEGMENT = /(\/tokens\/)([^/?#]+)/gi;

/**
 * Masks stream-token keys and api tokens in text that echoes a request (a URL, a method, a header
 * value). The text is percent-decoded first, so no encoding of a secret (`st%5F…`, a key encoded
 * whole, `tokens%2Fst_…`) slips past; the result is the decoded text, masked, with control
 * characters escaped.
 */
export function maskSecrets(text: string): string {
  return escapeControls(
    percentDecode(text)
      .replace(TOKEN_SEGMENT, (match, lead: string, segment: string) =>
        /^[0-9]+$/.test(segment) ? match : `${lead}${maskSecret(segment)}`,
      )
      .replace(PREFIXED_SECRET, (secret) => maskSecret(secret))
      .replace(SECRET_RUN, "***"),
  );
}

/** Decodes every well-formed `%XX` (as UTF-8 where it forms UTF-8, else byte by byte), repeatedly. */
function percentDecode(text: string): string {
  let current = text;
  for (let round = 0; round < DECODE_ROUNDS; round++) {
    if (!current.includes("%")) return current;
    const next = current.replace(/(?:%[0-9A-Fa-f]{2})+/g, decodeRun);
    if (next === current) return current;
    current = next;
  }
  // Still encoded after DECODE_ROUNDS: whatever is left could hide a secret.
  return current.replace(/(?:%[0-9A-Fa-f]{2})+/g, "***");
}

function decodeRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run.replace(/%([0-9A-Fa-f]{2})/g, (_match, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
}

/** Decoded text may hold line breaks or escape sequences: they are written back as `%XX`. */
function escapeControls(text: string): string {
  return text.replace(
    /[^\x20-\x7e\u0080-\uffff]/g,
    (character) => `%${character.charCodeAt(0).toString(16).padStart(2, "0").toUpperCase()}`,
  );
}

/** Pino serializers: no headers at all (so no Authorization), and masked URLs. */
export const logSerializers = {
  req: (request: FastifyRequest) => ({
    method: maskSecrets(request.method),
    url: maskSecrets(request.url),
    remoteAddress: request.ip,
  }),
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
};
