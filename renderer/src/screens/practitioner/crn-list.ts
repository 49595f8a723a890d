/** Reading a pasted list of CRNs: any mix of spaces, commas and new lines, in any case. */
import { CRN_PATTERN } from '../../../../shared/domain/identifiers';

export interface CrnList {
  crns: string[];
  /** Pieces that are not CRNs, as typed. */
  invalid: string[];
  /** CRNs given more than once (kept once). */
  repeated: string[];
}

export function parseCrnList(text: string): CrnList {
  const crns: string[] = [];
  const invalid: string[] = [];
  const repeated: string[] = [];
  for (const piece of text.split(/[\s,;]+/).filter(Boolean)) {
    const crn = piece.toUpperCase();
    if (!CRN_PATTERN.test(crn)) invalid.push(piece);
    else if (crns.includes(crn)) {
      if (!repeated.includes(crn)) repeated.push(crn);
    } else crns.push(crn);
  }
  return { crns, invalid, repeated };
}
