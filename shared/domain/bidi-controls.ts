/**
 * Bidirectional embedding, override and isolate characters (U+202A–U+202E, U+2066–U+2069). In a
 * name or free text they make what follows display reversed ("Trojan Source"), so a name could
 * show as someone else's: names and free text refuse them on import and on input.
 */
export const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

export const hasBidiControl = (value: string): boolean => BIDI_CONTROL.test(value);

export const BIDI_CONTROL_MESSAGE =
  'contains a bidirectional control character (U+202A–U+202E or U+2066–U+2069), which could make the text display reversed';
