/**
 * A parsed query string or form body: repeated names become arrays. A name given only with an empty
 * value is present with the value `undefined`.
 */
export type ParsedParams = Record<string, string | string[] | undefined>;

/**
 * Parses `a=1&b=&a=2`. A name with an empty value counts as absent: the Python client (httpx)
 * sends `permanent=` for `permanent=None`, which the platform reads as "not given". Its name stays
 * (valued `undefined`, which the schemas read as absent), so that `?permanet=` is still refused as an
 * unknown name rather than ignored.
 */
export function parseParams(text: string): ParsedParams {
  // No prototype: a name like `__proto__` stays an ordinary key.
  const result: ParsedParams = Object.create(null);
  for (const [name, value] of new URLSearchParams(text)) {
    const previous = result[name];
    if (value === "") {
      if (!(name in result)) result[name] = undefined;
    } else if (previous === undefined) result[name] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else result[name] = [previous, value];
  }
  return result;
}
