/**
 * Synthetic identifiers that are unique without remembering the ones already issued: each is an
 * affine permutation of the person's index (multiplier coprime to the range), offset by the seed.
 * CRNs carry the X prefix reserved for synthetic data; PNCs have correct check letters.
 */
import { pncCheckLetter } from '../../../shared/domain/identifiers';
import { mixSeeds } from './prng';

/** Multipliers coprime to 10^k (neither even nor a multiple of 5), and to 6,760,000 (= 2^6·5^4·13^2). */
const MULTIPLIERS = [7_919, 104_729, 130_363, 611_953, 746_773, 882_377, 999_983];
export const MAX_PEOPLE = 1_000_000;

function permute(index: number, range: number, seed: number, salt: number): number {
  const h = mixSeeds(seed, salt);
  const a = MULTIPLIERS[h % MULTIPLIERS.length]!;
  const b = mixSeeds(h, 1) % range;
  // Exact integer arithmetic: index * a stays below 2^53 for every index below MAX_PEOPLE.
  return (((index * a) % range) + b) % range;
}

export function crnFor(index: number, seed: number): string {
  if (index >= MAX_PEOPLE) throw new RangeError(`synthetic CRNs run out after ${MAX_PEOPLE} people`);
  return `X${String(permute(index, 1_000_000, seed, 1)).padStart(6, '0')}`;
}

export function pncFor(index: number, seed: number, year: number): string {
  const serial = String(permute(index, 10_000_000, seed, 2)).padStart(7, '0');
  const y = String(year);
  return `${y}/${serial}${pncCheckLetter(y, serial)}`;
}

export function nomsFor(index: number, seed: number): string {
  const n = permute(index, 6_760_000, seed, 3);
  const letters = Math.floor(n / 10_000);
  const l1 = String.fromCharCode(65 + Math.floor(letters / 26));
  const l2 = String.fromCharCode(65 + (letters % 26));
  return `A${String(n % 10_000).padStart(4, '0')}${l1}${l2}`;
}

export function croFor(index: number, seed: number, year: number): string {
  const serial = String(permute(index, 1_000_000, seed, 4)).padStart(6, '0');
  const yy = String(year).slice(-2);
  return `${serial}/${yy}${pncCheckLetter(yy, serial)}`;
}
