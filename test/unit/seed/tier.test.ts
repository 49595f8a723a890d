import { describe, expect, it } from 'vitest';
import { computeTier, type TierInputs } from '../../../electron/core/seed/tier';

const base: TierInputs = { rosh: 'LOW', rsr: 1, mappaLevel: null, registrationCodes: [], ogrs2yr: 10, needsPoints: 0 };
const tier = (t: Partial<TierInputs>) => computeTier({ ...base, ...t });

describe('tier (hmpps-tier protect and change levels)', () => {
  it('is A for very high RoSH or MAPPA level 2 or 3', () => {
    expect(tier({ rosh: 'VERY_HIGH' })[0]).toBe('A');
    expect(tier({ mappaLevel: 2 })[0]).toBe('A');
    expect(tier({ mappaLevel: 3 })[0]).toBe('A');
  });

  it('is B for high RoSH or RSR of 7 or more, C for medium RoSH or RSR 3–6.99, D otherwise', () => {
    expect(tier({ rosh: 'HIGH' })[0]).toBe('B');
    expect(tier({ rsr: 7 })[0]).toBe('B');
    expect(tier({ rosh: 'MEDIUM' })[0]).toBe('C');
    expect(tier({ rsr: 3 })[0]).toBe('C');
    expect(tier({ rsr: 2.99 })[0]).toBe('D');
  });

  it('counts the higher of RSR and RoSH, not both, then adds MAPPA level 1 and 2 per complexity factor', () => {
    expect(tier({ rosh: 'MEDIUM', rsr: 5 })[0]).toBe('C');
    expect(tier({ rosh: 'MEDIUM', registrationCodes: ['ALSH', 'RMDO', 'STRG', 'RCCO', 'RCPR'] })[0]).toBe('B');
    expect(tier({ registrationCodes: ['ALSH', 'RMDO', 'STRG'], mappaLevel: 1 })[0]).toBe('C');
    expect(tier({ registrationCodes: ['WEAP', 'ADVP'] })[0]).toBe('D');
  });

  it('takes its number from OGRS and needs: 3 at 20 points or more, 2 at 10–19, else 1', () => {
    expect(tier({ ogrs2yr: 95, needsPoints: 11 })).toBe('D3');
    expect(tier({ ogrs2yr: 55, needsPoints: 5 })).toBe('D2');
    expect(tier({ ogrs2yr: 10, needsPoints: 0 })).toBe('D1');
  });
});
