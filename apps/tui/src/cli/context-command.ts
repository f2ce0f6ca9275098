import {
  ConfigError,
  configFilePath,
  contextNames,
  DEFAULT_API_URL,
  DEFAULT_CONTEXT,
  LOCAL_CONTEXT,
  readConfigFile,
  resolveConnection,
  type StoredContext,
  type StoredSettings,
  writeConfigFile,
} from "../config.js";
import { maskSecret } from "../core.js";
import { allowOnly, type ParsedArgs, UsageError } from "./args.js";
import type { Output } from "./commands.js";
import { COMMANDS } from "./definition.js";

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

interface ContextRow {
  name: string;
  current: boolean;
  url: string;
  /** The api token masked, or the token command with any long word in it masked. */
  credential: string;
}

/** A token command as shown: words long enough to be a secret are masked. */
const shownCommand = (command: string): string =>
  `command: ${command.replace(/[^\s'"]{16,}/g, (word) => maskSecret(word))}`;

function rows(file: StoredSettings, env: NodeJS.ProcessEnv): ContextRow[] {
  let current: string | undefined;
  try {
    const picked = resolveConnection({ flags: {}, env, file });
    current = picked.kind === "local" ? LOCAL_CONTEXT : picked.context;
  } catch {
    current = file.currentContext;
  }
  return contextNames(file).map((name) => {
    const stored: StoredContext | undefined = file.contexts?.[name];
    const [url, credential] =
      name === LOCAL_CONTEXT
        ? ["(in-process local server)", "(demo account)"]
        : name === DEFAULT_CONTEXT
          ? [file.baseUrl ?? DEFAULT_API_URL, maskSecret(file.apiToken ?? "")]
          : [
              stored?.baseUrl ?? "",
              stored?.tokenCommand !== undefined
                ? shownCommand(stored.tokenCommand)
                : maskSecret(stored?.apiToken ?? ""),
            ];
    return { name, current: name === current, url, credential };
  });
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--url takes an http(s) URL, not "${url}"`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new UsageError(`--url takes an http(s) URL, not "${url}"`);
  }
}

function existing(file: StoredSettings, name: string): void {
  if (!contextNames(file).includes(name)) {
    throw new ConfigError(`no context "${name}" (contexts: ${contextNames(file).join(", ")})`);
  }
}

/** `stream-tokens context list|use|add|remove`: the config file's contexts. */
export function runContextCommand(parsed: ParsedArgs, env: NodeJS.ProcessEnv, out: Output): void {
  const [action = "list", name, ...extra] = parsed.positionals;
  const path = configFilePath(env);
  const file = readConfigFile(path);
  const needName = () => {
    if (name === undefined) throw new UsageError(`context ${action} needs a NAME`);
    if (extra.length > 0)
      throw new UsageError(`context ${action} takes one NAME, got also: ${extra.join(" ")}`);
    return name;
  };
  switch (action) {
    case "list": {
      allowOnly(parsed, ["json"]);
      if (name !== undefined) throw new UsageError("context list takes no arguments");
      const list = rows(file, env);
      if (parsed.flags.json) {
        out.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const width = Math.max(4, ...list.map((row) => row.name.length));
      const urlWidth = Math.max(3, ...list.map((row) => row.url.length));
      out.write(`  ${"NAME".padEnd(width)}  ${"URL".padEnd(urlWidth)}  API TOKEN\n`);
      for (const row of list) {
        out.write(
          `${row.current ? "*" : " "} ${row.name.padEnd(width)}  ${row.url.padEnd(urlWidth)}  ${row.credential}\n`,
        );
      }
      return;
    }
    case "use": {
      allowOnly(parsed, []);
      const chosen = needName();
      existing(file, chosen);
      writeConfigFile(path, { ...file, currentContext: chosen });
      out.write(`Current context: ${chosen} (saved to ${path})\n`);
      if (env.STREAM_TOKENS_CONTEXT) {
        out.write(`Note: STREAM_TOKENS_CONTEXT=${env.STREAM_TOKENS_CONTEXT} is set and wins over it.\n`);
      }
      return;
    }
    case "add": {
      allowOnly(parsed, ["url", "token", "token-command", "timeout"]);
      const chosen = needName();
      if (!NAME.test(chosen)) {
        throw new UsageError(
          `a context name is letters, digits, ".", "_" and "-" (at most 64), not "${chosen}"`,
        );
      }
      if (chosen === LOCAL_CONTEXT || chosen === DEFAULT_CONTEXT) {
        throw new UsageError(`"${chosen}" is built in; choose another name`);
      }
      if (file.contexts?.[chosen] !== undefined) {
        throw new UsageError(`context "${chosen}" exists; "stream-tokens context remove ${chosen}" first`);
      }
      const { url, token, timeout } = parsed.flags;
      const command = parsed.flags["token-command"];
      if (url === undefined) throw new UsageError("context add needs --url URL");
      checkUrl(url);
      if ((token === undefined) === (command === undefined)) {
        throw new UsageError("context add needs --token TOKEN or --token-command COMMAND (one of them)");
      }
      if (timeout !== undefined && command === undefined) {
        throw new UsageError("--timeout is for --token-command");
      }
      if (timeout !== undefined && timeout < 1) throw new UsageError("--timeout takes at least 1 second");
      const context: StoredContext = {
        baseUrl: url,
        ...(token === undefined ? {} : { apiToken: token }),
        ...(command === undefined ? {} : { tokenCommand: command }),
        ...(timeout === undefined ? {} : { tokenCommandTimeoutSeconds: timeout }),
      };
      writeConfigFile(path, { ...file, contexts: { ...file.contexts, [chosen]: context } });
      out.write(
        `Added context ${chosen} (${url}) to ${path} (mode 0600). "stream-tokens context use ${chosen}" makes it current.\n`,
      );
      return;
    }
    case "remove": {
      allowOnly(parsed, []);
      const chosen = needName();
      if (file.contexts?.[chosen] === undefined) {
        if (chosen === LOCAL_CONTEXT || chosen === DEFAULT_CONTEXT)
          throw new UsageError(`"${chosen}" is built in`);
        existing(file, chosen);
      }
      const { [chosen]: _removed, ...others } = file.contexts ?? {};
      const { currentContext, ...rest } = file;
      const next: StoredSettings = {
        ...rest,
        contexts: others,
        ...(currentContext === undefined || currentContext === chosen ? {} : { currentContext }),
      };
      writeConfigFile(path, next);
      out.write(
        `Removed context ${chosen}${currentContext === chosen ? " (it was current; now none is)" : ""}.\n`,
      );
      return;
    }
    default:
      throw new UsageError(
        `unknown context command "${action}": ${COMMANDS.context.subcommands.join(", ")} (see stream-tokens context --help)`,
      );
  }
}
