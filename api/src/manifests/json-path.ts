/** One step into a JSON document: an object key or an array index. */
export type PathSegment = string | number;

export type JsonPath = readonly PathSegment[];

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Formats a path as JSONPath (`$.inputs[2].type`, `$.ui['']`), quoting keys that are not identifiers. */
export function formatJsonPath(path: JsonPath): string {
  let text = '$';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else if (identifier.test(segment)) {
      text += `.${segment}`;
    } else {
      text += `['${segment.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}']`;
    }
  }
  return text;
}
