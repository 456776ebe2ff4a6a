const directionControls = /[\u202a-\u202e\u2066-\u2069]/g;

/** Blocks of the right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko, others, and presentation forms. */
const rightToLeftCharacter =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/**
 * Prepares user text for a plain-string context such as a label, where `<bdi>` cannot go. Direction
 * controls are dropped, so the text cannot reorder the words around it. Text with right-to-left letters
 * is wrapped in U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, as `<bdi>` would do.
 * Other text stays as it is, so that its accessible name does not change.
 */
export function isolateText(text: string): string {
  const cleaned = text.replace(directionControls, '');
  return rightToLeftCharacter.test(cleaned) ? `\u2068${cleaned}\u2069` : cleaned;
}
