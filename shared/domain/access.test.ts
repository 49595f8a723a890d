import { describe, expect, it } from 'vitest';
import { scopeInSentence } from './access';

describe('a part of the record inside a sentence', () => {
  it('is written in lower case, keeping the acronym RoSH', () => {
    expect(scopeInSentence('ROSH_SUMMARY')).toBe('RoSH summary');
    expect(scopeInSentence('FRONT_SHEET')).toBe('front sheet (safety essentials)');
    expect(scopeInSentence('RISK_MANAGEMENT_PLAN')).toBe('risk management plan');
  });
});
