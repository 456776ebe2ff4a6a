// Checks of text that users type and others read: display names, review text and reasons. Each check
// returns a problem that names the offending character and where it is, or undefined when the text
// passes. The web app renders this text isolated from its surroundings (`<bdi>`, `dir="auto"`), so
// these checks are a second line of defence, and the only one for the API's other clients.

const characterNames: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

/** Names a character as `U+200B ZERO WIDTH SPACE`, or by its code and general category when unnamed here. */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = characterNames[code];
  if (name !== undefined) return `${hex} ${name}`;
  if (/\p{Cc}/u.test(character)) return `${hex}, a control character`;
  if (/\p{Cs}/u.test(character)) return `${hex}, half of a UTF-16 surrogate pair`;
  return `${hex}, an invisible formatting character`;
}

/**
 * Control, format, line and paragraph separator and default-ignorable characters: they render as
 * nothing, break lines, or change the direction of the text around them.
 */
const hiddenCharacter = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

/** Letters of the scripts whose look-alikes matter most, and whose names need no joiner between letters. */
const joinerFreeScript = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;

/** Checks whether a zero width joiner or non-joiner may stand next to `character`: a letter, mark, emoji. */
function isJoinable(character: string | undefined): boolean {
  if (character === undefined) return false;
  if (joinerFreeScript.test(character)) return false;
  return /[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}]/u.test(character);
}

/** Checks whether a variation selector may follow `previous`: an emoji, CJK ideograph or non-Latin letter. */
function takesVariationSelector(previous: string | undefined, next: string | undefined): boolean {
  if (previous === undefined) return false;
  if (/[\p{Extended_Pictographic}\p{Ideographic}]/u.test(previous)) return true;
  // A keycap emoji is a digit, # or *, then U+FE0F, then U+20E3 COMBINING ENCLOSING KEYCAP.
  if (/^[0-9#*]$/.test(previous)) return next === '\u20e3';
  return /\p{L}/u.test(previous) && !joinerFreeScript.test(previous);
}

/**
 * Checks whether the hidden character at `index` is one that a language or an emoji sequence needs.
 * These are ZWNJ and ZWJ between two letters of scripts such as Arabic, Persian or Devanagari, or
 * between emoji. Variation selectors count after the character they select a glyph of, and Mongolian
 * free variation selectors and the vowel separator after a Mongolian letter.
 */
function isNeededJoiner(characters: string[], index: number): boolean {
  const character = characters[index] ?? '';
  const previous = characters[index - 1];
  const next = characters[index + 1];
  const code = character.codePointAt(0) ?? 0;

  if (code === 0x200c || code === 0x200d) return isJoinable(previous) && isJoinable(next);
  if ((code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xe0100 && code <= 0xe01ef)) {
    return takesVariationSelector(previous, next);
  }
  if (code >= 0x180b && code <= 0x180f)
    return previous !== undefined && /\p{Script=Mongolian}/u.test(previous);
  return false;
}

/** A letter, digit, punctuation mark or symbol: something that shows on screen. */
const visibleCharacter = /[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * Describes why `name` cannot be a name shown to others, or returns undefined when it can. A name is one
 * line of visible text: control characters, invisible formatting characters and direction controls are
 * rejected, because they make a name look empty, look like another name, or reverse the text after it.
 * The exceptions are the joiners and selectors that scripts and emoji need between two visible
 * characters (see `isNeededJoiner`). A joiner between Latin, Greek or Cyrillic letters is rejected.
 */
export function nameProblem(name: string): string | undefined {
  const characters = [...name];
  for (const [index, character] of characters.entries()) {
    if (!hiddenCharacter.test(character) || isNeededJoiner(characters, index)) continue;
    return `must not contain ${describeCharacter(character)} (character ${index + 1}): names cannot contain control characters, invisible characters or direction controls, except the joiners a script needs between two letters`;
  }
  if (!visibleCharacter.test(name))
    return 'must contain at least one letter, digit, punctuation mark or symbol';
  return undefined;
}

const embeddingOpeners = new Set([0x202a, 0x202b, 0x202d, 0x202e]);
const isolateOpeners = new Set([0x2066, 0x2067, 0x2068]);
const popDirectionalFormatting = 0x202c;
const popDirectionalIsolate = 0x2069;

/**
 * Finds the first direction control on a line that no matching pop character closes. As in the Unicode
 * Bidirectional Algorithm (UAX #9), PDF closes the innermost embedding or override unless an isolate is
 * open inside it, and PDI closes the innermost isolate and everything opened after it.
 */
function unclosedDirectionControl(line: string): string | undefined {
  const open: Array<{ character: string; isolate: boolean }> = [];
  for (const character of line) {
    const code = character.codePointAt(0) ?? 0;
    if (embeddingOpeners.has(code)) open.push({ character, isolate: false });
    else if (isolateOpeners.has(code)) open.push({ character, isolate: true });
    else if (code === popDirectionalFormatting && open.at(-1)?.isolate === false) open.pop();
    else if (code === popDirectionalIsolate) {
      const isolate = open.findLastIndex((entry) => entry.isolate);
      if (isolate !== -1) open.length = isolate;
    }
  }
  return open[0]?.character;
}

/**
 * Describes why `text` cannot be free text shown to others (a review or a reason), or returns undefined
 * when it can. Unlike names, free text keeps invisible formatting characters, because prose in Arabic,
 * Persian, Hebrew or Indic scripts needs joiners and direction marks. It must still show something,
 * contain no control character other than tab and line breaks, and close every direction embedding,
 * override or isolate on the line that opens it, so that it cannot reverse text after it.
 */
export function freeTextProblem(text: string): string | undefined {
  if (!visibleCharacter.test(text)) {
    return 'must contain at least one letter, digit, punctuation mark or symbol';
  }
  const lines = text.split(/\r\n|\r|\n/);
  for (const [index, line] of lines.entries()) {
    const control = [...line].find((character) => /\p{Cc}/u.test(character) && character !== '\t');
    if (control !== undefined) {
      return `must not contain ${describeCharacter(control)} (line ${index + 1}): only tabs and line breaks are allowed among control characters`;
    }
    const unclosed = unclosedDirectionControl(line);
    if (unclosed !== undefined) {
      const closer = isolateOpeners.has(unclosed.codePointAt(0) ?? 0)
        ? describeCharacter('\u2069')
        : describeCharacter('\u202c');
      return `has a ${describeCharacter(unclosed)} on line ${index + 1} that is not closed by ${closer} on the same line, so it would reorder the text after it; close it or remove it`;
    }
  }
  return undefined;
}
