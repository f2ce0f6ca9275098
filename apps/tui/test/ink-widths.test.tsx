import { stripVTControlCharacters } from "node:util";
import { Box, Text } from "ink";
import { render } from "ink-testing-library";
import { expect, it } from "vitest";

// apps/tui/patches/ink@6.8.0.patch measures text of single-character graphemes one cached character
// at a time and keeps widths and styled lines across frames: it must measure what string-width
// measures, or every column after a cell would shift.
const cases: [string, number][] = [
  ["plain ascii", 11],
  ["st_ab…9xYz · ›", 14],
  ["✗ ! ↑↓ ─│", 9],
  ["漢字 wide", 9],
  ["👍 emoji", 8],
  ["e\u0301 combined", 10],
  ["\u001b[31mred\u001b[39m", 3],
];

const linesIn = (width: number, text: string): string[] => {
  const { lastFrame, unmount } = render(
    <Box width={width}>
      <Text>{text}</Text>
    </Box>,
  );
  const frame = stripVTControlCharacters(lastFrame() ?? "");
  unmount();
  return frame.split("\n").map((line) => line.trimEnd());
};

it.each(cases)("%j is %i columns wide: it fits in that many, not in one less", (text, width) => {
  expect(linesIn(width, text)).toEqual([stripVTControlCharacters(text)]);
  expect(linesIn(width - 1, text).length).toBeGreaterThan(1);
});

it("a line drawn again in a later frame (from the caches) is drawn as the first time", () => {
  const { lastFrame, rerender, unmount } = render(<Text color="red">st_ab…9xYz · ›</Text>);
  const first = lastFrame();
  rerender(<Text color="green">other</Text>);
  expect(lastFrame()).not.toBe(first);
  rerender(<Text color="red">st_ab…9xYz · ›</Text>);
  expect(lastFrame()).toBe(first);
  unmount();
});
