import { describe, expect, it } from "vitest";
import {
  checkError,
  checkFieldError,
  checkStreamToken,
  Issue,
  isError,
  isFieldError,
  isStreamToken,
} from "../src/index.js";

const token = {
  id: 7,
  key: "st_3q2Vw8Xk1TnR0bYh5LmPzA9cJe",
  is_active: true,
  created: "2021-05-28T10:37:51.433760+00:00",
  expires: null,
};
const fieldError = { name: "limit", message: "must be at most 100", error_code: 1000 };
const errorBody = { error_codes: [1000], message: "Validation failed.", fields: [fieldError] };

/** The value, then a copy of it with each key broken in turn (removed, or given each of `wrong`). */
function variants(valid: Record<string, unknown>, wrong: unknown[]): unknown[] {
  const broken = Object.keys(valid).flatMap((key) => {
    const { [key]: _removed, ...without } = valid;
    return [without, ...wrong.map((value) => ({ ...valid, [key]: value }))];
  });
  return [valid, { ...valid, added_later: "kept" }, ...broken, null, [], "token", 7, undefined];
}
const wrong = [null, "7", 0, -1, 1.5, "", "2021-05-28", true, [], {}, [1000], [{}]];

// A guard (`is<Schema>`) is compiled as one condition, apart from its check's field-by-field walk:
// they must agree on every value.
describe("each generated guard agrees with its check", () => {
  it.each([
    ["StreamToken", isStreamToken, checkStreamToken, token],
    ["FieldError", isFieldError, checkFieldError, fieldError],
    ["Error", isError, checkError, errorBody],
  ] as const)("%s", (_name, guard, check, valid) => {
    const values = [
      ...variants(valid, wrong),
      ...(valid === errorBody
        ? variants(fieldError, wrong).map((field) => ({ ...errorBody, fields: [field] }))
        : []),
    ];
    for (const value of values) {
      expect(guard(value), JSON.stringify(value)).toBe(!(check(value) instanceof Issue));
    }
    expect(guard(valid)).toBe(true);
    expect(values.filter((value) => !guard(value)).length).toBeGreaterThan(values.length / 2);
  });
});
