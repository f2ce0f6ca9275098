import type { StreamToken } from "@stream-tokens/api-types";
import { isPermanent } from "../core.js";
import { describeError } from "../format.js";
import { createLike, deleteFirstWarning, permanentCountOf, ReplaceFailed, replaceOrder } from "../replace.js";
import type { TokenService } from "../token-service.js";
import type { ParsedArgs } from "./args.js";
import { type CommandIo, printTokens } from "./commands.js";

/**
 * `stream-tokens replace ID_OR_KEY [--yes]`: a new token of the same kind, then the old one
 * deleted once confirmed; or, for a permanent token at the limit, the old one first.
 */
export async function replaceCommand(
  service: TokenService,
  { out, note, ask }: CommandIo,
  idOrKey: string,
  parsed: ParsedArgs,
): Promise<void> {
  const yes = parsed.flags.yes === true;
  const old = await service.get(idOrKey);
  const count = isPermanent(old) ? await permanentCountOf(service) : 0;
  const finish = (fresh: StreamToken, oldDeleted: boolean) => {
    if (parsed.flags.json) {
      out.write(`${JSON.stringify({ replaced: old.id, oldDeleted, token: fresh }, null, 2)}\n`);
    }
  };
  const show = (fresh: StreamToken) => {
    if (!parsed.flags.json) {
      printTokens(out, fresh, parsed);
      if (!parsed.flags["show-keys"])
        note.write("The new key is masked: add --show-keys or --json to print it.\n");
    }
  };

  if (replaceOrder(old, count) === "deleteFirst") {
    note.write(`${deleteFirstWarning(old.id)}\nLive now: #${old.id}.\n`);
    if (!yes && !(await ask(`Delete #${old.id} first, then create its replacement? [y/N] `))) {
      note.write(`Nothing changed. Live: #${old.id}. (--yes confirms without asking.)\n`);
      return;
    }
    await service.delete(old.id);
    note.write(`Deleted #${old.id}. Live now: none of it; creating the replacement…\n`);
    let fresh: StreamToken;
    try {
      fresh = await createLike(service, old);
    } catch (error) {
      throw new ReplaceFailed(
        error,
        `${describeError(error)} · the replacement was not created; #${old.id} is deleted, so no key of it is live. "stream-tokens create --permanent" makes one.`,
      );
    }
    show(fresh);
    note.write(`Replaced #${old.id} by #${fresh.id}. Live now: #${fresh.id} only.\n`);
    finish(fresh, true);
    return;
  }

  const fresh = await createLike(service, old);
  show(fresh);
  note.write(`Created #${fresh.id} to replace #${old.id}. Live now: #${old.id} and #${fresh.id}.\n`);
  if (!yes && !(await ask(`Delete #${old.id} now (its clients stop working)? [y/N] `))) {
    note.write(
      `Kept #${old.id}. Live: #${old.id} and #${fresh.id}. "stream-tokens delete ${old.id}" retires it later.\n`,
    );
    finish(fresh, false);
    return;
  }
  try {
    await service.delete(old.id);
  } catch (error) {
    throw new ReplaceFailed(
      error,
      `${describeError(error)} · #${old.id} was not deleted. Live: #${old.id} and #${fresh.id}.`,
    );
  }
  note.write(`Deleted #${old.id}. Live now: #${fresh.id} only.\n`);
  finish(fresh, true);
}
