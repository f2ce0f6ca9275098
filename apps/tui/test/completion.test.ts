import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "@stream-tokens/testkit/cli";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMAND_NAMES, COMMANDS, type CommandDefinition } from "../src/cli/definition.js";

let dir: string;
let script: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "stream-tokens-completion-"));
  const printed = await runCli(["completion", "bash"]);
  expect(printed).toMatchObject({ code: 0, stderr: "" });
  script = join(dir, "stream-tokens.bash");
  writeFileSync(script, printed.stdout);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What bash offers after `line` (the last word is the one being completed), with the script loaded. */
function complete(line: string): string[] {
  const words = line.split(" ");
  const program = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _stream_tokens; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const output = execFileSync("bash", ["--norc", "--noprofile", "-c", program, "bash", script, ...words], {
    encoding: "utf8",
  });
  return output.split("\n").filter((word) => word !== "");
}

describe("stream-tokens completion bash, loaded in bash", () => {
  it("registers itself for stream-tokens", () => {
    const registered = execFileSync(
      "bash",
      ["--norc", "-c", `source "${script}"; complete -p stream-tokens`],
      {
        encoding: "utf8",
      },
    );
    expect(registered.trim()).toBe("complete -F _stream_tokens stream-tokens");
  });

  it("completes every command the CLI defines, and a command from its first letters", () => {
    expect(complete("stream-tokens ")).toEqual(
      expect.arrayContaining([...COMMAND_NAMES, "--help", "--version"]),
    );
    expect(complete("stream-tokens delete-l")).toEqual(["delete-list"]);
    expect(complete("stream-tokens --url http://127.0.0.1:1 li")).toEqual(["list"]);
  });

  it.each(COMMAND_NAMES)("completes the flags and subcommands of %s", (name) => {
    const command: CommandDefinition = COMMANDS[name];
    const offered = complete(`stream-tokens ${name} `);
    expect(offered).toEqual(expect.arrayContaining([...(command.subcommands ?? []), "--help"]));
    expect(complete(`stream-tokens ${name} --`)).toEqual(
      expect.arrayContaining(command.flags.map((flag) => `--${flag}`)),
    );
  });

  it("offers nothing for a flag's value, and finds the command after one", () => {
    expect(complete("stream-tokens --token ")).toEqual([]);
    expect(complete("stream-tokens --token at_abc list --per")).toEqual(["--permanent"]);
    expect(complete("stream-tokens context u")).toEqual(["use"]);
  });
});

describe("stream-tokens completion", () => {
  it.each(["zsh", "fish"])("prints a %s script naming every command", async (shell) => {
    const printed = await runCli(["completion", shell]);
    expect(printed).toMatchObject({ code: 0, stderr: "" });
    for (const name of COMMAND_NAMES) expect(printed.stdout).toContain(name);
  });

  it("refuses an unknown shell with a usage error naming the shells", async () => {
    const printed = await runCli(["completion", "tcsh"]);
    expect(printed.code).toBe(2);
    expect(printed.stderr).toContain("bash, zsh, fish");
  });
});
