// The least a full-screen Ink app does before its first frame: Node starts, Ink and React load, one
// line is drawn. bench/run.mjs bundles it as tsup bundles the CLI and times it in the same pty.
import { render, Text } from "ink";
import { createElement } from "react";

const app = render(createElement(Text, null, "floor · first frame"), { patchConsole: false });
setTimeout(() => app.unmount(), 200);
