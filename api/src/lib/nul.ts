// PostgreSQL text columns cannot hold U+0000, and SQLite would store it, so the two engines would
// disagree. Input is checked for it at the edges (request bodies and URLs, manifests, scan reports)
// and rejected with the place it was found.

const nul = '\u0000';

/** Returns the JSON path of the first string or object key that contains U+0000, or undefined. */
export function findNulCharacter(value: unknown, path = '$'): string | undefined {
  if (typeof value === 'string') return value.includes(nul) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNulCharacter(item, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyPath = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (key.includes(nul)) return keyPath;
      const found = findNulCharacter(item, keyPath);
      if (found) return found;
    }
  }
  return undefined;
}

export const nulProblem = 'contains a NUL character (U+0000), which Assay cannot store';
