/** One challenge of a `WWW-Authenticate` header (RFC 9110 section 11.6.1, formerly RFC 7235). */
export interface AuthChallenge {
  /** Auth scheme, lowercased (`bearer`, `basic`); schemes are case-insensitive. */
  scheme: string;
  /** Auth parameters keyed by lowercased name, with quoted strings unescaped. */
  params: Record<string, string>;
  /** The token68 form (`Negotiate abc==`), used instead of parameters. */
  token68?: string;
}

export class WwwAuthenticateSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WwwAuthenticateSyntaxError';
  }
}

// tchar from RFC 9110 section 5.6.2.
const tokenPattern = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
const token68Pattern = /[A-Za-z0-9\-._~+/]+=*/y;
const whitespacePattern = /[ \t]*/y;

/**
 * A cursor over the header text. Challenges and their parameters are both separated by commas, so
 * the parser looks ahead for `name=` to tell a parameter from the next challenge's scheme.
 */
class HeaderCursor {
  readonly text: string;
  position = 0;

  constructor(text: string) {
    this.text = text;
  }

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  peek(): string | undefined {
    return this.text[this.position];
  }

  match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.position;
    const found = pattern.exec(this.text);
    if (!found || found[0] === '') return undefined;
    this.position += found[0].length;
    return found[0];
  }

  skipWhitespace(): void {
    this.match(whitespacePattern);
  }

  skipSeparators(): void {
    while (!this.atEnd()) {
      this.skipWhitespace();
      if (this.peek() !== ',') return;
      this.position += 1;
    }
  }

  fail(expected: string): never {
    throw new WwwAuthenticateSyntaxError(
      `Invalid WWW-Authenticate header at character ${this.position + 1}: expected ${expected}.`,
    );
  }
}

/** True when the cursor is at `token BWS "="` followed by a value (token or quoted string). */
function startsAuthParam(cursor: HeaderCursor): boolean {
  const start = cursor.position;
  try {
    if (cursor.match(tokenPattern) === undefined) return false;
    cursor.skipWhitespace();
    if (cursor.peek() !== '=') return false;
    cursor.position += 1;
    cursor.skipWhitespace();
    const next = cursor.peek();
    if (next === undefined) return false;
    if (next === '"') return true;
    tokenPattern.lastIndex = cursor.position;
    return tokenPattern.exec(cursor.text)?.index === cursor.position;
  } finally {
    cursor.position = start;
  }
}

function readQuotedString(cursor: HeaderCursor): string {
  cursor.position += 1;
  let value = '';
  while (!cursor.atEnd()) {
    const char = cursor.text[cursor.position] as string;
    cursor.position += 1;
    if (char === '"') return value;
    if (char === '\\') {
      if (cursor.atEnd()) break;
      value += cursor.text[cursor.position];
      cursor.position += 1;
      continue;
    }
    value += char;
  }
  return cursor.fail('a closing quote for the quoted string');
}

function readAuthParam(cursor: HeaderCursor, params: Record<string, string>): void {
  const name = cursor.match(tokenPattern) ?? cursor.fail('a parameter name');
  cursor.skipWhitespace();
  if (cursor.peek() !== '=') cursor.fail(`"=" after parameter ${name}`);
  cursor.position += 1;
  cursor.skipWhitespace();
  const value =
    cursor.peek() === '"'
      ? readQuotedString(cursor)
      : (cursor.match(tokenPattern) ?? cursor.fail(`a value for ${name}`));

  const key = name.toLowerCase();
  if (Object.hasOwn(params, key)) cursor.fail(`parameter ${key} only once per challenge`);
  params[key] = value;
}

function readChallenge(cursor: HeaderCursor): AuthChallenge {
  const scheme = cursor.match(tokenPattern) ?? cursor.fail('an auth scheme');
  const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };

  const beforeSpace = cursor.position;
  cursor.skipWhitespace();
  if (cursor.atEnd() || cursor.peek() === ',') return challenge;
  if (cursor.position === beforeSpace) cursor.fail(`a space after the scheme ${scheme}`);

  if (!startsAuthParam(cursor)) {
    challenge.token68 = cursor.match(token68Pattern) ?? cursor.fail('a token68 value or parameters');
    cursor.skipWhitespace();
    if (!cursor.atEnd() && cursor.peek() !== ',') cursor.fail('a comma after the token68 value');
    return challenge;
  }

  for (;;) {
    readAuthParam(cursor, challenge.params);
    cursor.skipWhitespace();
    if (cursor.atEnd()) return challenge;
    if (cursor.peek() !== ',') cursor.fail('a comma between parameters');

    // A comma ends this parameter; what follows is another parameter or the next challenge.
    const afterParam = cursor.position;
    cursor.skipSeparators();
    if (cursor.atEnd() || !startsAuthParam(cursor)) {
      cursor.position = afterParam;
      return challenge;
    }
  }
}

/**
 * Parses every challenge in a `WWW-Authenticate` header value, such as
 * `Bearer realm="https://auth.example/token",service="registry",scope="repository:a/b:pull,push", Basic realm="r"`.
 * Throws WwwAuthenticateSyntaxError naming the character position of the first problem.
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const cursor = new HeaderCursor(header);
  const challenges: AuthChallenge[] = [];

  cursor.skipSeparators();
  while (!cursor.atEnd()) {
    challenges.push(readChallenge(cursor));
    cursor.skipSeparators();
  }

  if (challenges.length === 0) cursor.fail('at least one challenge');
  return challenges;
}
