/** A token of a UI condition, with its character offset for messages. */
export type Token =
  | { kind: 'string'; value: string; offset: number }
  | { kind: 'word'; value: string; offset: number }
  | { kind: 'symbol'; value: string; offset: number };

// Longest first, so that `===` is not read as `==` followed by `=`.
const symbols = [
  '===',
  '!==',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '!',
  '(',
  ')',
  '[',
  ']',
  ',',
  '<',
  '>',
  '=',
];
const wordPattern = /[A-Za-z0-9_.$-]/;

/** Splits a condition into tokens, or returns the problem as text when a character is not understood. */
export function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < text.length) {
    const char = text.charAt(offset);
    if (/\s/.test(char)) {
      offset += 1;
      continue;
    }
    if (char === "'" || char === '"') {
      const end = readQuoted(text, offset);
      if (end === undefined) {
        return `the string starting at character ${offset + 1} is not closed`;
      }
      tokens.push({ kind: 'string', value: unescape(text.slice(offset + 1, end)), offset });
      offset = end + 1;
      continue;
    }
    const symbol = symbols.find((candidate) => text.startsWith(candidate, offset));
    if (symbol !== undefined) {
      tokens.push({ kind: 'symbol', value: symbol, offset });
      offset += symbol.length;
      continue;
    }
    if (wordPattern.test(char)) {
      let end = offset;
      while (end < text.length && wordPattern.test(text.charAt(end))) end += 1;
      tokens.push({ kind: 'word', value: text.slice(offset, end), offset });
      offset = end;
      continue;
    }
    return `character '${char}' at position ${offset + 1} is not understood`;
  }
  return tokens;
}

function readQuoted(text: string, start: number): number | undefined {
  const quoteChar = text.charAt(start);
  for (let index = start + 1; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (char === '\\') {
      index += 1;
    } else if (char === quoteChar) {
      return index;
    }
  }
  return undefined;
}

function unescape(body: string): string {
  return body.replace(/\\(.)/g, '$1');
}
