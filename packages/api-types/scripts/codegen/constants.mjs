// src/generated/constants.ts: the wire's facts as values (error codes by name, the platform's
// limits, the bounds of the shared parameters), read from the spec.
import { errorCodesOf } from "./error-codes.mjs";
import { isObject, RANGE_KEYWORDS } from "./spec.mjs";

const BOUND_KEYWORDS = [...RANGE_KEYWORDS, "default"];
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const doc = (text, indent = "") => {
  const lines = text.trim().replaceAll("*/", "*\\/").split("\n");
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => `${indent} * ${line}`.trimEnd()).join("\n")}\n${indent} */\n`;
};

function errorCodesSource(document) {
  const codes = errorCodesOf(document);
  const members = codes.map((c) => `${doc(`${c.status}: ${c.meaning}`, "  ")}  ${c.name}: ${c.code},\n`);
  return (
    doc("The API's error codes by name: `error.errorCodes.includes(ErrorCode.permanentLimit)`.") +
    `export const ErrorCode = {\n${members.join("")}} as const;\n` +
    doc("One of the codes of {@link ErrorCode}.") +
    "export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];\n"
  );
}

function limitsSource(document) {
  const limits = document["x-limits"];
  if (!isObject(limits)) throw new Error("the spec has no x-limits");
  const members = Object.entries(limits).map(([name, limit]) => {
    if (!IDENTIFIER.test(name) || !isObject(limit) || !Number.isInteger(limit.value)) {
      throw new Error(`x-limits.${name} needs an integer value`);
    }
    return `${doc(limit.description ?? name, "  ")}  ${name}: ${limit.value},\n`;
  });
  return `${doc("Rules the platform enforces: `limits.permanentTokens` permanent tokens per account/space and kind.")}export const limits = {\n${members.join("")}} as const;\n`;
}

function parameterBoundsSource(document) {
  const parameters = document.components?.parameters ?? {};
  const bounded = Object.entries(parameters).flatMap(([name, parameter]) => {
    const schema = parameter.schema ?? {};
    const bounds = BOUND_KEYWORDS.filter((keyword) => keyword in schema).map(
      (keyword) => `${keyword}: ${JSON.stringify(schema[keyword])}`,
    );
    return bounds.length === 0 ? [] : [{ name, parameter, bounds }];
  });
  // One constant per parameter, so that a bundle keeps only the bounds its code reads.
  const constants = bounded.map(
    ({ name, parameter, bounds }) =>
      `${doc(`The bounds and default of \`${parameter.name}\` (${parameter.in}).`)}export const ${name}Bounds = { ${bounds.join(", ")} } as const;\n`,
  );
  const members = bounded.map(({ name }) => `  ${name}: ${name}Bounds,\n`);
  return `${constants.join("")}${doc("The bounds and defaults of the spec's shared parameters (components.parameters), by component name.")}export const parameterBounds = {\n${members.join("")}} as const;\n`;
}

export function constantsSource(document) {
  return [errorCodesSource(document), limitsSource(document), parameterBoundsSource(document)].join("\n");
}
