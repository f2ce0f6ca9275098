/**
 * Shell completion scripts, generated from the command line's one definition (definition.ts): a
 * command or flag added there completes in every shell with no edit here.
 */
import {
  COMMAND_NAMES,
  COMMANDS,
  COMMON_FLAGS,
  type CommandDefinition,
  type CommandName,
  FLAGS,
  type FlagName,
  UI_FLAGS,
} from "./definition.js";

export const SHELLS = COMMANDS.completion.subcommands;
export type Shell = (typeof SHELLS)[number];
export const isShell = (name: string | undefined): name is Shell => SHELLS.some((shell) => shell === name);

const BIN = "stream-tokens";

/** The flags a command (or, for undefined, the bare `stream-tokens`) takes, common ones included. */
function flagsOf(command: CommandDefinition | undefined): FlagName[] {
  return [...new Set([...(command?.flags ?? UI_FLAGS), ...COMMON_FLAGS])];
}

/** Flags followed by a value (the word after them is not a command). */
const valueFlags = (Object.keys(FLAGS) as FlagName[]).filter((name) => FLAGS[name].kind !== "boolean");

/** The first sentence of a command's help, as a one-line description. */
const summary = (command: CommandDefinition) => command.help.split(/\.(\s|$)/)[0]?.replace(/\s+/g, " ") ?? "";

/** The words after a command: its subcommands, or for `help` the commands it explains. */
const wordsAfter = (name: CommandName): readonly string[] =>
  name === "help" ? COMMAND_NAMES : ((COMMANDS[name] as CommandDefinition).subcommands ?? []);

function bash(): string {
  const cases = COMMAND_NAMES.map((name) => {
    const command: CommandDefinition = COMMANDS[name];
    const words = [...wordsAfter(name), ...flagsOf(command).map((flag) => `--${flag}`)];
    return `    ${name}) words="${words.join(" ")}" ;;`;
  });
  const top = [...COMMAND_NAMES, ...flagsOf(undefined).map((flag) => `--${flag}`)];
  const values = valueFlags.map((flag) => `--${flag}`).join("|");
  return `# ${BIN} completion for bash. Load it from ~/.bashrc:
#   eval "$(${BIN} completion bash)"
_stream_tokens() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} command="" word i skip=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    if ((skip)); then skip=0; continue; fi
    case "$word" in
      ${values}) skip=1 ;;
      -*) ;;
      *) command=$word; break ;;
    esac
  done
  case "$prev" in
    ${values}) COMPREPLY=(); return ;;
  esac
  local words
  case "$command" in
    "") words="${top.join(" ")}" ;;
${cases.join("\n")}
    *) words="" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _stream_tokens ${BIN}
`;
}

/** zsh's _describe takes `name:description`; a colon in either is escaped. */
const described = (name: string, description: string) =>
  `'${`${name.replace(/:/g, "\\:")}:${description.replace(/:/g, "\\:")}`.replace(/'/g, "'\\''")}'`;

function zsh(): string {
  const flagItems = (flags: FlagName[]) => flags.map((flag) => described(`--${flag}`, FLAGS[flag].help));
  const cases = COMMAND_NAMES.map((name) => {
    const command: CommandDefinition = COMMANDS[name];
    const items = [
      ...wordsAfter(name).map((sub) => described(sub, `${name} ${sub}`)),
      ...flagItems(flagsOf(command)),
    ];
    return `    ${name}) candidates=(${items.join(" ")}) ;;`;
  });
  const top = [
    ...COMMAND_NAMES.map((name) => described(name, summary(COMMANDS[name]))),
    ...flagItems(flagsOf(undefined)),
  ];
  const values = valueFlags.map((flag) => `--${flag}`).join("|");
  return `#compdef ${BIN}
# ${BIN} completion for zsh. Load it from ~/.zshrc (after compinit):
#   eval "$(${BIN} completion zsh)"
_stream_tokens() {
  local command="" word skip=0 i
  for ((i = 2; i < CURRENT; i++)); do
    word=\${words[i]}
    if ((skip)); then skip=0; continue; fi
    case $word in
      ${values}) skip=1 ;;
      -*) ;;
      *) command=$word; break ;;
    esac
  done
  case \${words[CURRENT-1]} in
    ${values}) return 1 ;;
  esac
  local -a candidates
  case $command in
    "") candidates=(${top.join(" ")}) ;;
${cases.join("\n")}
    *) return 1 ;;
  esac
  _describe -t words ${BIN} candidates
}
compdef _stream_tokens ${BIN}
`;
}

const fishQuote = (text: string) => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

function fish(): string {
  const lines = [
    `# ${BIN} completion for fish. Load it from ~/.config/fish/config.fish:`,
    `#   ${BIN} completion fish | source`,
    `complete -c ${BIN} -f`,
  ];
  const flagLine = (condition: string, flag: FlagName) =>
    `complete -c ${BIN} -n ${fishQuote(condition)} -l ${flag}${FLAGS[flag].kind === "boolean" ? "" : " -r"} -d ${fishQuote(FLAGS[flag].help)}`;
  for (const name of COMMAND_NAMES) {
    lines.push(
      `complete -c ${BIN} -n __fish_use_subcommand -a ${name} -d ${fishQuote(summary(COMMANDS[name]))}`,
    );
  }
  for (const flag of flagsOf(undefined)) lines.push(flagLine("__fish_use_subcommand", flag));
  for (const name of COMMAND_NAMES) {
    const command: CommandDefinition = COMMANDS[name];
    const condition = `__fish_seen_subcommand_from ${name}`;
    if (command.subcommands) {
      lines.push(
        `complete -c ${BIN} -n ${fishQuote(condition)} -a ${fishQuote(command.subcommands.join(" "))}`,
      );
    }
    for (const flag of flagsOf(command)) lines.push(flagLine(condition, flag));
  }
  return `${lines.join("\n")}\n`;
}

/** The completion script of `shell`, as `stream-tokens completion SHELL` prints it. */
export function completionScript(shell: Shell): string {
  return { bash, zsh, fish }[shell]();
}
