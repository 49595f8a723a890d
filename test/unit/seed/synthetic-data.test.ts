import { describe, expect, it } from 'vitest';
import { isValidCrn, isValidPnc, CRO_PATTERN, NOMS_PATTERN } from '../../../shared/domain/identifiers';
import { rngFor } from '../../../electron/core/seed/prng';
import { croFor, crnFor, nomsFor, pncFor } from '../../../electron/core/seed/synthetic-identifiers';

describe('the seeded generator', () => {
  it('gives the same numbers for the same seed, stream and index, and others otherwise', () => {
    const draw = (seed: number, stream: string, i: number) => Array.from({ length: 5 }, ((r) => () => r.next())(rngFor(seed, stream, i)));
    expect(draw(1, 'person', 5)).toEqual(draw(1, 'person', 5));
    expect(draw(1, 'person', 5)).not.toEqual(draw(1, 'person', 6));
    expect(draw(1, 'person', 5)).not.toEqual(draw(2, 'person', 5));
    expect(draw(1, 'person', 5)).not.toEqual(draw(1, 'staff', 5));
  });

  it('draws whole numbers within bounds, roughly evenly', () => {
    const rng = rngFor(3, 'test');
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[rng.int(0, 5)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    rngFor(4, 'shuffle').shuffle(items);
    expect([...items].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(items.slice(0, 10)).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('synthetic identifiers', () => {
  it('issues a distinct X-prefixed CRN to each of 240,000 people', () => {
    const crns = new Set<string>();
    for (let i = 0; i < 240_000; i++) crns.add(crnFor(i, 11));
    expect(crns.size).toBe(240_000);
    for (const c of [...crns].slice(0, 1000)) expect(isValidCrn(c) && c.startsWith('X')).toBe(true);
  });

  it('issues PNCs with valid check letters, and NOMS and CRO numbers of the right shape', () => {
    for (let i = 0; i < 5000; i++) {
      expect(isValidPnc(pncFor(i, 5, 1998 + (i % 25)))).toBe(true);
      expect(nomsFor(i, 5)).toMatch(NOMS_PATTERN);
      expect(croFor(i, 5, 2004)).toMatch(CRO_PATTERN);
    }
  });
});
