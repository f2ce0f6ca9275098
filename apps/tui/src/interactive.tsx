import { render, useApp } from "ink";
import { enterFullscreen } from "./terminal/fullscreen.js";
import { osc52 } from "./terminal/osc52.js";
import type { TokenService } from "./token-service.js";
import { App } from "./ui/App.js";
import type { ServerInfo } from "./ui/Header.js";
import { ColorContext, colorEnabled } from "./ui/theme.js";
import { useTerminalSize } from "./ui/use-terminal-size.js";

interface ScreenProps {
  service: TokenService;
  server: ServerInfo;
  stdout: NodeJS.WriteStream;
}

function Screen({ service, server, stdout }: ScreenProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize(stdout);
  return (
    <ColorContext.Provider value={colorEnabled()}>
      <App
        service={service}
        server={server}
        width={columns}
        height={rows - 1}
        onQuit={() => exit()}
        copyToClipboard={(text) => stdout.write(osc52(text))}
      />
    </ColorContext.Provider>
  );
}

export interface InteractiveOptions {
  service: TokenService;
  server: ServerInfo;
  /** Runs when the process is about to end on a signal (close the local server). */
  onSignal?: () => void;
}

/** The full-screen UI, from the alternate screen in to the restored normal screen out. */
export async function runInteractive({ service, server, onSignal }: InteractiveOptions): Promise<void> {
  const stdout = process.stdout;
  const screen = enterFullscreen({ fd: 1, ...(onSignal ? { onSignal } : {}) });
  const instance = render(<Screen service={service} server={server} stdout={stdout} />, {
    stdout,
    stdin: process.stdin,
    exitOnCtrlC: false,
    patchConsole: true,
    // Only changed rows are rewritten. Ink 6.8 drew such frames one row low after an output that
    // ends with a newline (ours, one row shorter than the terminal): apps/tui/patches/ fixes it.
    incrementalRendering: true,
    maxFps: 60,
  });
  try {
    await instance.waitUntilExit();
  } finally {
    screen.restore();
  }
}
