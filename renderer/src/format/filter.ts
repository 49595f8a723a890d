/** Filtering lists in the window: every word typed must appear in one of the row's fields. */
export function matchesText(fields: ReadonlyArray<string | null | undefined>, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fields.filter(Boolean).join(' ').toLowerCase();
  return words.every((w) => haystack.includes(w));
}

export const compareText = (a: string | null, b: string | null): number => (a ?? '').localeCompare(b ?? '', 'en-GB');
export const compareNumber = (a: number | null, b: number | null): number => (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER);
