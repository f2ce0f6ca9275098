import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { BREAK_RULES, type BreakRule, breakKey } from "../src/breaks.js";
import { findBreaks } from "../src/find-breaks.js";
import { readSpecFile, SPEC_FILE } from "../src/released.js";
import { isObject, Spec } from "../src/spec.js";

/** A fixture holds two documents: the released spec, then the changed one. */
function breaksIn(fixture: string): string[] {
  const url = new URL(`fixtures/${fixture}.yaml`, import.meta.url);
  const [released, changed] = parseAllDocuments(readFileSync(url, "utf8")).map((doc) => doc.toJS());
  if (!isObject(released) || !isObject(changed)) throw new Error(`${fixture}: needs two YAML documents`);
  return findBreaks(new Spec("released", released), new Spec("changed", changed)).map(breakKey);
}

const expected: Record<BreakRule, string[]> = {
  "removed-operation": ["removed-operation: DELETE /items/"],
  "changed-operation-id": ["changed-operation-id: GET /items/"],
  "removed-security": ["removed-security: GET /items/"],
  "changed-security-scheme": ["changed-security-scheme: GET /items/"],
  "removed-parameter": ["removed-parameter: GET /items/ query parameter permanent"],
  "new-required-parameter": ["new-required-parameter: GET /items/ query parameter space"],
  "parameter-now-required": ["parameter-now-required: GET /items/ query parameter permanent"],
  "changed-parameter-style": ["changed-parameter-style: GET /items/ query parameter ids"],
  "new-required-body": ["new-required-body: POST /items/ request body"],
  "body-now-required": ["body-now-required: POST /items/ request body"],
  "removed-body": ["removed-body: POST /items/ request body"],
  "removed-media-type": ["removed-media-type: POST /items/ request body application/x-www-form-urlencoded"],
  "removed-success-status": [
    "removed-success-status: POST /items/ response 201",
    "new-success-status: POST /items/ response 200",
  ],
  "new-success-status": ["new-success-status: GET /items/ response 202"],
  "removed-response-header": ["removed-response-header: GET /items/ response 429 header retry-after"],
  "removed-field": [
    "removed-field: POST /items/ request body application/json.label",
    "removed-field: POST /items/ response 201 application/json.label",
  ],
  "new-required-field": ["new-required-field: POST /items/ request body application/json.space"],
  "field-now-required": ["field-now-required: POST /items/ request body application/json.permanent"],
  "field-now-optional": ["field-now-optional: POST /items/ response 201 application/json.expires"],
  "narrowed-type": [
    "narrowed-type: POST /items/ request body application/json.ttl",
    "narrowed-type: POST /items/ request body application/json.note",
  ],
  "widened-type": [
    "widened-type: POST /items/ response 201 application/json.created",
    "widened-type: POST /items/ response 201 application/json.note",
  ],
  "removed-enum-value": [
    "removed-enum-value: POST /items/ request body application/json.kind",
    "removed-enum-value: POST /items/ response 201 application/json.state",
    "removed-enum-value: POST /items/ response 201 application/json.code",
  ],
  "narrowed-values": ["narrowed-values: POST /items/ request body application/json.kind"],
  "widened-values": ["widened-values: POST /items/ response 201 application/json.kind"],
  "narrowed-bound": [
    "narrowed-bound: GET /items/ query parameter limit",
    "narrowed-bound: GET /items/ query parameter prefix",
    "narrowed-bound: GET /items/ query parameter since",
  ],
  "widened-bound": [
    "widened-bound: POST /items/ response 201 application/json.id",
    "widened-bound: POST /items/ response 201 application/json.key",
  ],
  "changed-default": ["changed-default: GET /items/ query parameter limit"],
  "unjudged-change": [
    "narrowed-type: POST /items/ request body application/json.target",
    "unjudged-change: POST /items/ request body application/json.target",
  ],
};

describe("findBreaks", () => {
  for (const rule of Object.keys(BREAK_RULES) as BreakRule[]) {
    it(`${rule}: ${BREAK_RULES[rule]}`, () => {
      expect(breaksIn(rule)).toEqual(expected[rule]);
    });
  }

  it("finds no break in additions a client can ignore", () => {
    expect(breaksIn("additive")).toEqual([]);
  });

  it("finds no break between the repository's spec and itself", () => {
    const root = new URL("../../../", import.meta.url).pathname;
    expect(findBreaks(readSpecFile(root, SPEC_FILE), readSpecFile(root, SPEC_FILE))).toEqual([]);
  });

  it("names the $ref that points at nothing instead of passing it", () => {
    const released = new Spec("released", {
      paths: { "/x/": { get: { responses: { "200": { $ref: "#/components/responses/Gone" } } } } },
    });
    expect(() => findBreaks(released, released)).toThrow(
      "released: $ref #/components/responses/Gone points at nothing",
    );
  });
});
