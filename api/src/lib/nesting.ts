// Recursive walks over parsed input (the NUL check, manifest normalisation) overflow the call stack on
// objects and arrays nested thousands of levels deep, and YAML aliases can even build a cyclic value.
// Input is therefore checked with this walk, which uses an explicit stack, before any recursive one.

interface Frame {
  value: unknown;
  /** 1 for the top-level value, 2 for its members, and so on. */
  depth: number;
  parent: Frame | undefined;
  key: string | number | undefined;
}

/**
 * Finds the first object or array nested more than `maxDepth` levels deep and returns its JSON path
 * (`$.a[0].b`), or undefined. The top-level object or array is level 1. A cyclic value is reported
 * like an endlessly deep one.
 */
export function findExcessiveNesting(value: unknown, maxDepth: number): string | undefined {
  const stack: Frame[] = [{ value, depth: 1, parent: undefined, key: undefined }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const current = frame.value;
    if (current === null || typeof current !== 'object') continue;
    if (frame.depth > maxDepth) return pathOf(frame);

    const entries: Array<[string | number, unknown]> = Array.isArray(current)
      ? current.map((item, index): [number, unknown] => [index, item])
      : Object.entries(current);
    for (const [key, item] of entries.reverse()) {
      stack.push({ value: item, depth: frame.depth + 1, parent: frame, key });
    }
  }
  return undefined;
}

const identifier = /^[A-Za-z_$][\w$]*$/;

function pathOf(frame: Frame): string {
  const segments: string[] = [];
  for (let step: Frame | undefined = frame; step?.key !== undefined; step = step.parent) {
    const key = step.key;
    if (typeof key === 'number') segments.push(`[${key}]`);
    else segments.push(identifier.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
  }
  return `$${segments.reverse().join('')}`;
}
