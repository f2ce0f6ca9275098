import type { StreamToken } from "@stream-tokens/api-types";
import { Box, Text } from "ink";
import { maskSecret } from "../core.js";
import { countOf, displayKey } from "../format.js";
import { deleteFirstWarning } from "../replace.js";
import type { ConfirmFocus, Question } from "./state.js";
import { useColor } from "./theme.js";
import { type KindFilter, tokenNoun } from "./token-view.js";

function Button({ label, focused }: { label: string; focused: boolean }) {
  const color = useColor();
  return (
    <Text inverse={color && focused} bold={focused}>
      {focused ? `› ${label} ‹` : `  ${label}  `}
    </Text>
  );
}

function DialogBox({ width, children }: { width: number; children: React.ReactNode }) {
  return (
    <Box flexDirection="column" flexShrink={0} borderStyle="double" paddingX={1} width={Math.min(width, 72)}>
      {children}
    </Box>
  );
}

interface Wording {
  title: string;
  body: string;
  ok: string;
}

type QuestionWords = { [K in Question["kind"]]: (question: Extract<Question, { kind: K }>) => Wording };

const questionWords: QuestionWords = {
  deleteOne: ({ token }) => ({
    title: `Delete token #${token.id}?`,
    body: `Key ${maskSecret(token.key)}. This cannot be undone; clients using it stop working.`,
    ok: "Delete",
  }),
  deleteMarked: ({ ids }) => ({
    title: `Delete the ${countOf(ids.length, "marked token")}?`,
    body: "Each is deleted on its own: a failure is reported with its token and the others stay deleted. This cannot be undone.",
    ok: `Delete ${ids.length}`,
  }),
  setActiveMarked: ({ ids, active }) => ({
    title: `${active ? "Activate" : "Deactivate"} the ${countOf(ids.length, "marked token")}?`,
    body: `Each is switched ${active ? "on" : "off"} on its own: a failure is reported with its token and the others keep their new state.`,
    ok: active ? `Activate ${ids.length}` : `Deactivate ${ids.length}`,
  }),
  replaceAtLimit: ({ token }) => ({
    title: `Replace permanent token #${token.id}: delete it first?`,
    body: deleteFirstWarning(token.id),
    ok: "Delete, then create",
  }),
};

/** A question with Cancel and a button that does it; the focus starts on Cancel. */
export function Confirm({
  question,
  focus,
  width,
}: {
  question: Question;
  focus: ConfirmFocus;
  width: number;
}) {
  const words = (questionWords[question.kind] as (question: Question) => Wording)(question);
  return (
    <DialogBox width={width}>
      <Text bold>{words.title}</Text>
      <Text>{words.body}</Text>
      <Box marginTop={1} gap={2}>
        <Button label="Cancel" focused={focus === "cancel"} />
        <Button label={words.ok} focused={focus === "ok"} />
      </Box>
      <Text dimColor>Tab/←/→ switch · enter presses · Esc cancels</Text>
    </DialogBox>
  );
}

interface ConfirmDeleteListProps {
  count: number;
  filter: KindFilter;
  typed: string;
  width: number;
}

/** `D`: delete every token of the current filter, after typing how many there are. */
export function ConfirmDeleteList({ count, filter, typed, width }: ConfirmDeleteListProps) {
  const tokens = countOf(count, tokenNoun(filter));
  return (
    <DialogBox width={width}>
      <Text bold>Delete all {tokens}?</Text>
      <Text>This deletes them on the server and cannot be undone.</Text>
      <Text>
        Type {count} and press enter: <Text bold>{typed}</Text>
        <Text inverse> </Text>
      </Text>
      <Text dimColor>Esc cancels</Text>
    </DialogBox>
  );
}

interface NewKeyProps {
  fresh: StreamToken;
  old: { id: number } | undefined;
  revealed: boolean;
  focus: ConfirmFocus;
  width: number;
}

/** `R`: the replacement's key, shown once; then the old token's deletion, asked. */
export function NewKey({ fresh, old, revealed, focus, width }: NewKeyProps) {
  return (
    <DialogBox width={width}>
      <Text bold>
        New token #{fresh.id}
        {old ? ` replaces #${old.id}` : ""}
      </Text>
      <Text>
        Key {displayKey(fresh, revealed)}
        {revealed ? "" : "  (v shows it, c copies it)"}
      </Text>
      <Text>This is the one time the UI shows the new key; put it where its clients read it now.</Text>
      {old ? (
        <>
          <Text>
            Live now: #{fresh.id} and #{old.id}. Delete #{old.id} once its clients use the new key.
          </Text>
          <Box marginTop={1} gap={2}>
            <Button label={`Keep #${old.id}`} focused={focus === "cancel"} />
            <Button label={`Delete #${old.id}`} focused={focus === "ok"} />
          </Box>
          <Text dimColor>v show · c copy · Tab switch · enter presses · Esc keeps both</Text>
        </>
      ) : (
        <>
          <Text>Live now: #{fresh.id} only.</Text>
          <Text dimColor>v show · c copy · enter or Esc closes</Text>
        </>
      )}
    </DialogBox>
  );
}

/** `C`: the contexts to switch to, the current one marked. */
export function ContextSwitcher({
  names,
  current,
  index,
  width,
}: {
  names: readonly string[];
  current: string;
  index: number;
  width: number;
}) {
  const color = useColor();
  return (
    <DialogBox width={width}>
      <Text bold>Switch context</Text>
      {names.map((name, position) => (
        <Text key={name} inverse={color && position === index}>
          {position === index ? "› " : "  "}
          {name}
          {name === current ? "  (current)" : ""}
        </Text>
      ))}
      <Text dimColor>j/k move · enter switches · Esc stays</Text>
    </DialogBox>
  );
}
