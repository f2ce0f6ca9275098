import { COMMAND_NAMES, COMMANDS, isCommandName } from "./definition.js";
import { exitCodeHelp } from "./exit-codes.js";

export const connectionHelp = `Connection: which server and api token (the first that applies wins):
  1. --context NAME           a context of the config file, or "local" (not with --token/--url)
  2. --token TOKEN, --url URL  each on its own, over the environment and the login settings
  3. STREAM_TOKENS_CONTEXT    a context, as --context
  4. NEUROIO_API_TOKEN, NEUROIO_API_URL   each on its own, over the login settings
  5. the current context      set by "stream-tokens context use NAME"
  6. the login settings       saved by "stream-tokens login" (the context "default")
  7. the local server         in-process on 127.0.0.1, its database in
                              $XDG_DATA_HOME/stream-tokens/local.db (~/.local/share/...), seeded
  The URL defaults to https://api.neuroio.com. The config file is
  $XDG_CONFIG_HOME/stream-tokens/config.json (~/.config/...).`;

const output = `Output:
  --json               JSON for scripts: the tokens as the API returns them, keys included
  --show-keys          print keys in full in tables (masked otherwise)`;

const usage = COMMAND_NAMES.map((name) => `  stream-tokens ${COMMANDS[name].usage}`).join("\n");

const mainHelp = `stream-tokens: manage NeuroIO stream tokens

Usage:
  stream-tokens                      the full-screen UI (in a terminal); a plain table otherwise
${usage}
  (or COMMAND --help)

${connectionHelp}

${output}

${exitCodeHelp}

In the UI press ? for every key.
`;

export function helpFor(command: string | undefined): string {
  if (!isCommandName(command)) return mainHelp;
  const definition = COMMANDS[command];
  const specific = `stream-tokens ${definition.usage}\n  ${definition.help}`;
  if (!definition.connects) return `${specific}\n`;
  return `${specific}\n\n${connectionHelp}\n\n${output}\n\n${exitCodeHelp}\n`;
}
