/** A parsed query string or form body: repeated names become arrays. */
export type ParsedParams = Record<string, string | string[]>;

/**
 * Parses `a=1&b=&a=2`. A name with an empty value counts as absent: the Python client (httpx)
 * sends `permanent=` for `permanent=None`, which the platform reads as "not given".
 */
export function parseParams(text: string): ParsedParams {
  // No prototype: a name like `__proto__` stays an ordinary key.
  const result: ParsedParams = Object.create(null);
  for (const [name, value] of new URLSearchParams(text)) {
    if (value === "") continue;
    const previous = result[name];
    if (previous === undefined) result[name] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else result[name] = [previous, value];
  }
  return result;
}
