// The spec's error codes (components.schemas.ErrorCode, one `oneOf` entry per code) as data, and
// the table in the API's description that lists them.
import { isObject } from "./spec.mjs";

const IDENTIFIER = /^[a-z][A-Za-z0-9]*$/;

/** [{ code, name, status, meaning }] in the spec's order; throws on an entry that is not whole. */
export function errorCodesOf(document) {
  const schema = document.components?.schemas?.ErrorCode;
  if (!isObject(schema) || !Array.isArray(schema.oneOf)) {
    throw new Error("components.schemas.ErrorCode must be a schema with a oneOf list of codes");
  }
  const seen = new Map();
  return schema.oneOf.map((entry, index) => {
    const where = `components.schemas.ErrorCode.oneOf[${index}]`;
    if (!isObject(entry) || !Number.isInteger(entry.const))
      throw new Error(`${where}: needs an integer const`);
    if (typeof entry.title !== "string" || !IDENTIFIER.test(entry.title)) {
      throw new Error(`${where} (${entry.const}): needs a title in camelCase, the code's name`);
    }
    if (!Number.isInteger(entry["x-status"]) || entry["x-status"] < 400 || entry["x-status"] > 599) {
      throw new Error(`${where} (${entry.const}): needs x-status, the HTTP status it is sent with`);
    }
    if (typeof entry.description !== "string" || entry.description.trim() === "") {
      throw new Error(`${where} (${entry.const}): needs a description`);
    }
    for (const key of ["const", "title"]) {
      const value = entry[key];
      if (seen.has(`${key}:${value}`)) throw new Error(`${where}: ${key} ${value} is used twice`);
      seen.set(`${key}:${value}`, true);
    }
    return {
      code: entry.const,
      name: entry.title,
      status: entry["x-status"],
      meaning: entry.description.trim().replaceAll("\n", " "),
    };
  });
}

const TABLE_START = /^(\s*)<!-- generated from components\.schemas\.ErrorCode .*-->$/;
const TABLE_END = /^\s*<!-- end of the generated table -->$/;

/** The spec's text with the table between its two marker lines regenerated from `codes`. */
export function withErrorCodeTable(specText, codes) {
  const lines = specText.split("\n");
  const start = lines.findIndex((line) => TABLE_START.test(line));
  const end = lines.findIndex((line, index) => index > start && TABLE_END.test(line));
  if (start === -1 || end === -1) {
    throw new Error("the spec's description lacks the error-code table's marker lines");
  }
  const indent = TABLE_START.exec(lines[start])[1];
  const escapeCell = (text) => text.replaceAll("|", "\\|");
  const table = [
    "| code | name | status | meaning |",
    "|---|---|---|---|",
    ...codes.map((c) => `| ${c.code} | \`${c.name}\` | ${c.status} | ${escapeCell(c.meaning)} |`),
  ].map((row) => indent + row);
  return [...lines.slice(0, start + 1), ...table, ...lines.slice(end)].join("\n");
}
