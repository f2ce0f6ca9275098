import { render, useApp } from "ink";
import { useMemo, useState } from "react";
import {
  configFilePath,
  contextNames,
  namedConnection,
  readConfigFile,
  type StoredSettings,
} from "./config.js";
import { type OpenConnection, openConnection } from "./connection.js";
import { enterFullscreen } from "./terminal/fullscreen.js";
import { osc52 } from "./terminal/osc52.js";
import { App } from "./ui/App.js";
import type { ContextChoice } from "./ui/actions.js";
import { ColorContext, colorEnabled } from "./ui/theme.js";
import { useTerminalSize } from "./ui/use-terminal-size.js";

/** The connections opened so far, by context name: switching back is instant; all close at the end. */
class Connections {
  readonly #open = new Map<string, OpenConnection>();
  readonly #env: NodeJS.ProcessEnv;

  constructor(first: OpenConnection, env: NodeJS.ProcessEnv) {
    this.#open.set(first.server.context, first);
    this.#env = env;
  }

  async get(name: string): Promise<OpenConnection> {
    const known = this.#open.get(name);
    if (known) return known;
    // The file as it is now: a context added in another shell is there to switch to.
    const file = readConfigFile(configFilePath(this.#env));
    const opened = await openConnection(namedConnection(name, file, "the switcher"), this.#env, {
      quiet: true,
    });
    this.#open.set(name, opened);
    return opened;
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.#open.values()].map((each) => each.close()));
  }
}

interface ScreenProps {
  first: OpenConnection;
  connections: Connections;
  names: readonly string[];
  stdout: NodeJS.WriteStream;
}

function Screen({ first, connections, names, stdout }: ScreenProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize(stdout);
  const [active, setActive] = useState(first);
  const contexts: ContextChoice = useMemo(
    () => ({
      names,
      current: active.server.context,
      switchTo: async (name) => setActive(await connections.get(name)),
    }),
    [names, active, connections],
  );
  return (
    <ColorContext.Provider value={colorEnabled()}>
      <App
        // Another context is another account: its own list, marks and selection.
        key={active.server.context}
        service={active.service}
        server={active.server}
        contexts={contexts}
        width={columns}
        height={rows - 1}
        onQuit={() => exit()}
        copyToClipboard={(text) => stdout.write(osc52(text))}
      />
    </ColorContext.Provider>
  );
}

export interface InteractiveOptions {
  /** The connection the UI opens on. */
  first: OpenConnection;
  env: NodeJS.ProcessEnv;
  file: StoredSettings;
}

/** The full-screen UI, from the alternate screen in to the restored normal screen out. */
export async function runInteractive({ first, env, file }: InteractiveOptions): Promise<void> {
  const stdout = process.stdout;
  const connections = new Connections(first, env);
  const names = contextNames(file);
  // The first connection may come from flags or the environment: it is one of the choices too.
  const choices = names.includes(first.server.context) ? names : [first.server.context, ...names];
  const screen = enterFullscreen({ fd: 1, onSignal: () => void connections.closeAll() });
  const instance = render(
    <Screen first={first} connections={connections} names={choices} stdout={stdout} />,
    {
      stdout,
      stdin: process.stdin,
      exitOnCtrlC: false,
      patchConsole: true,
      // Only changed rows are rewritten. Ink 6.8 drew such frames one row low after an output that
      // ends with a newline (ours, one row shorter than the terminal): apps/tui/patches/ fixes it.
      incrementalRendering: true,
      // Ink draws a frame at once unless it drew one within 1000/maxFps ms; then it waits out the rest
      // of that window. At 60 a key pressed just after a frame (the clock's tick) waited up to 17 ms
      // for its own; frames take a few ms to draw, so 250 only merges updates of the same moment.
      maxFps: 250,
    },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    screen.restore();
    await connections.closeAll();
  }
}
