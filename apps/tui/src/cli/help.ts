import { exitCodeHelp } from "./exit-codes.js";

const connection = `Connection (flags win over the environment, which wins over the config file):
  --token TOKEN        api token        (env NEUROIO_API_TOKEN)
  --url URL            API base URL     (env NEUROIO_API_URL; default https://api.neuroio.com)
  config file          $XDG_CONFIG_HOME/stream-tokens/config.json (~/.config/...), see "login"
  With no api token anywhere, a local server starts in-process on 127.0.0.1 with its database in
  $XDG_DATA_HOME/stream-tokens/local.db (~/.local/share/...), seeded with a demo account.`;

const output = `Output:
  --json               JSON for scripts: the tokens as the API returns them, keys included
  --show-keys          print keys in full in tables (masked otherwise)`;

const mainHelp = `stream-tokens: manage NeuroIO stream tokens

Usage:
  stream-tokens                      the full-screen UI (in a terminal); a plain table otherwise
  stream-tokens list [--permanent|--temporary] [--limit N] [--offset N]
  stream-tokens create [--permanent]
  stream-tokens get ID_OR_KEY
  stream-tokens update ID_OR_KEY --active true|false
  stream-tokens delete ID_OR_KEY
  stream-tokens delete-list [--permanent|--temporary] --yes
  stream-tokens login --token TOKEN [--url URL]
  stream-tokens help [COMMAND]       or COMMAND --help

${connection}

${output}

${exitCodeHelp}

In the UI press ? for every key.
`;

const commandHelp: Record<string, string> = {
  list: `stream-tokens list [--permanent|--temporary] [--limit N] [--offset N] [--json] [--show-keys]
  Lists tokens. Without --limit/--offset every page is fetched; with them, one page
  (limit 1..100, the API's default 20; offset from 0). --permanent lists permanent tokens only,
  --temporary (or --permanent false) temporary ones only.`,
  create: `stream-tokens create [--permanent] [--json] [--show-keys]
  Creates a temporary token (lives 24 hours), or a permanent one with --permanent (at most 5;
  a sixth fails with exit code 5). The key is masked unless --show-keys or --json.`,
  get: `stream-tokens get ID_OR_KEY [--json] [--show-keys]
  Shows one token. All digits is an id; anything else is a key.`,
  update: `stream-tokens update ID_OR_KEY --active true|false [--json] [--show-keys]
  Switches a token on or off.`,
  delete: `stream-tokens delete ID_OR_KEY [--json]
  Deletes one token.`,
  "delete-list": `stream-tokens delete-list [--permanent|--temporary] --yes [--json]
  Deletes every temporary (--temporary), permanent (--permanent) or, with neither, every token.
  Refuses without --yes.`,
  login: `stream-tokens login --token TOKEN [--url URL]
  Saves the api token (and URL) to the config file, written atomically with mode 0600, so that
  later runs use them without flags or environment variables.`,
};

export function helpFor(command: string | undefined): string {
  const specific = command === undefined ? undefined : commandHelp[command];
  if (specific === undefined) return mainHelp;
  return `${specific}\n\n${connection}\n\n${output}\n\n${exitCodeHelp}\n`;
}
