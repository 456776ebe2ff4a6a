import { describe, expect, it } from 'vitest';
import { displayNameSchema } from '../../src/contract/accounts.ts';
import { freeTextProblem, nameProblem } from '../../src/contract/user-text.ts';

describe('display name rule', () => {
  it.each([
    {
      case: 'only zero width spaces',
      name: '\u200b\u200b',
      message: 'U+200B ZERO WIDTH SPACE (character 1)',
    },
    {
      case: 'a zero width space inside a look-alike',
      name: 'adm\u200bin1',
      message: 'U+200B ZERO WIDTH SPACE (character 4)',
    },
    { case: 'a joiner between Latin letters', name: 'adm\u200din', message: 'U+200D ZERO WIDTH JOINER' },
    {
      case: 'a non-joiner between Latin letters',
      name: 'ad\u200cmin',
      message: 'U+200C ZERO WIDTH NON-JOINER',
    },
    {
      case: 'an unterminated right-to-left override',
      name: 'Eve\u202egnp.exe',
      message: 'U+202E RIGHT-TO-LEFT OVERRIDE',
    },
    { case: 'a right-to-left mark', name: '\u200fAdmin', message: 'U+200F RIGHT-TO-LEFT MARK' },
    { case: 'a first strong isolate', name: 'a\u2068b\u2069', message: 'U+2068 FIRST STRONG ISOLATE' },
    { case: 'a byte order mark', name: '\ufeffadmin', message: 'U+FEFF ZERO WIDTH NO-BREAK SPACE' },
    { case: 'a soft hyphen', name: 'ad\u00admin', message: 'U+00AD SOFT HYPHEN' },
    { case: 'a bell character', name: 'Bob\u0007', message: 'U+0007, a control character' },
    { case: 'a line feed', name: 'Bob\nAdmin', message: 'U+000A, a control character' },
    { case: 'a line separator', name: 'Bob\u2028Admin', message: 'U+2028 LINE SEPARATOR' },
    { case: 'a Hangul filler', name: '\u3164', message: 'U+3164 HANGUL FILLER' },
    { case: 'a combining grapheme joiner', name: 'adm\u034fin', message: 'U+034F COMBINING GRAPHEME JOINER' },
    {
      case: 'a variation selector after a Latin letter',
      name: 'admin\ufe0f',
      message: 'U+FE0F, an invisible',
    },
    { case: 'a tag character', name: 'admin\u{e0041}', message: 'U+E0041, an invisible' },
    { case: 'a lone surrogate', name: 'Bob\ud800', message: 'U+D800, half of a UTF-16 surrogate pair' },
    { case: 'only combining marks', name: '\u0301\u0301', message: 'must contain at least one letter' },
  ])('rejects $case', ({ name, message }) => {
    expect(nameProblem(name)).toContain(message);
  });

  it.each([
    { case: 'Latin letters with diacritics', name: 'Zoë Šimková-O’Brien' },
    { case: 'Persian with a non-joiner between Arabic letters', name: 'محمد\u200cرضا' },
    { case: 'Devanagari with a joiner after a virama', name: 'क्\u200dष' },
    { case: 'Sinhala with a joiner after al-lakuna', name: 'ශ්\u200dරී' },
    { case: 'an emoji joiner sequence', name: 'Ana \u{1f469}\u200d\u{1f52c}' },
    {
      case: 'a flag emoji with a variation selector and a joiner',
      name: '\u{1f3f3}\ufe0f\u200d\u{1f308} Kim',
    },
    { case: 'an ideographic variation sequence', name: '葛\u{e0100}城' },
    { case: 'a keycap emoji', name: 'Team 1\ufe0f\u20e3' },
    { case: 'Mongolian with a free variation selector', name: 'ᠭ\u180bᠠ' },
    { case: 'Hebrew letters', name: 'דנה לוי' },
  ])('accepts $case', ({ name }) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it('names the field in the schema message', () => {
    const result = displayNameSchema.safeParse('\u200b\u200b');

    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      expect.stringMatching(/^displayName must not contain U\+200B ZERO WIDTH SPACE \(character 1\): /),
    ]);
  });
});

describe('free text rule', () => {
  it.each([
    { case: 'only zero width spaces', text: '\u200b\u200b', message: 'must contain at least one letter' },
    {
      case: 'an unterminated right-to-left override',
      text: 'Works well \u202eon large images',
      message:
        'has a U+202E RIGHT-TO-LEFT OVERRIDE on line 1 that is not closed by U+202C POP DIRECTIONAL FORMATTING',
    },
    {
      case: 'an override closed only on the next line',
      text: 'Fine \u202bhere\nthen\u202c done',
      message: 'U+202B RIGHT-TO-LEFT EMBEDDING on line 1',
    },
    {
      case: 'an unterminated isolate',
      text: 'ok\nsee \u2067שלום',
      message: 'U+2067 RIGHT-TO-LEFT ISOLATE on line 2 that is not closed by U+2069 POP DIRECTIONAL ISOLATE',
    },
    {
      case: 'a pop directional formatting that cannot close an override outside an isolate',
      text: '\u202ex \u2066y\u202c',
      message: 'U+202E RIGHT-TO-LEFT OVERRIDE on line 1',
    },
    {
      case: 'an escape character',
      text: 'colour \u001b[31mred',
      message: 'U+001B, a control character (line 1)',
    },
  ])('rejects $case', ({ text, message }) => {
    expect(freeTextProblem(text)).toContain(message);
  });

  it.each([
    { case: 'Markdown over several lines with tabs', text: '**Fast**\n\n- one\n\tcode\r\n- two' },
    { case: 'Persian prose with non-joiners', text: 'این افزونه\u200cها خوب کار می\u200cکنند.' },
    { case: 'a closed right-to-left embedding', text: 'Name: \u202bשלום\u202c, done' },
    { case: 'an isolate that closes an override opened inside it', text: 'a \u2067b \u202ec\u2069 d' },
    { case: 'direction marks', text: 'C++\u200e works' },
    { case: 'an unmatched pop character', text: 'stray \u202c pop' },
  ])('accepts $case', ({ text }) => {
    expect(freeTextProblem(text)).toBeUndefined();
  });
});
