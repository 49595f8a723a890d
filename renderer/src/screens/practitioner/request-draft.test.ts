import { describe, expect, it } from 'vitest';
import { checkDraft, EMPTY_DRAFT, REQUEST_FIELD_IDS } from './request-draft';
import { parseCrnList } from './crn-list';

const NOW = Date.UTC(2026, 2, 2, 10, 0);
const filled = { scope: 'ROSH_SUMMARY', purpose: 'PROGRAMME_DELIVERY', justification: 'Group starts Thursday', urgency: 'ROUTINE', neededBy: '', durationDays: '14', durationUnit: 'DAYS' } as const;

describe('an access request before it is sent', () => {
  it('names every unanswered question against its own field', () => {
    const { problems, ready } = checkDraft(EMPTY_DRAFT, () => null, NOW);
    expect(ready).toBeNull();
    expect(problems.map((p) => p.fieldId)).toEqual([
      REQUEST_FIELD_IDS.scope,
      REQUEST_FIELD_IDS.purpose,
      REQUEST_FIELD_IDS.justification,
      REQUEST_FIELD_IDS.urgency,
      REQUEST_FIELD_IDS.durationDays,
    ]);
  });

  it('holds the duration to the longest policy allows for the scope chosen', () => {
    const { problems } = checkDraft({ ...filled, durationDays: '15' }, (s) => (s === 'ROSH_SUMMARY' ? 14 : 30), NOW);
    expect(problems).toEqual([{ fieldId: REQUEST_FIELD_IDS.durationDays, message: 'Access to this part of the record can last at most 14 days' }]);
  });

  it('wants a needed-by time in the future, read as London time', () => {
    expect(checkDraft({ ...filled, neededBy: '2026-03-02T09:00' }, () => null, NOW).problems[0]?.fieldId).toBe(REQUEST_FIELD_IDS.neededBy);
    expect(checkDraft({ ...filled, neededBy: '2026-03-02T13:00' }, () => null, NOW).ready?.neededBy).toBe(Date.UTC(2026, 2, 2, 13, 0));
  });

  it('sends a trimmed justification and whole days', () => {
    expect(checkDraft({ ...filled, justification: '  Group starts Thursday  ' }, () => 14, NOW).ready).toEqual({
      scope: 'ROSH_SUMMARY',
      purpose: 'PROGRAMME_DELIVERY',
      justification: 'Group starts Thursday',
      urgency: 'ROUTINE',
      neededBy: null,
      durationDays: 14,
    });
    expect(checkDraft({ ...filled, durationDays: '2.5' }, () => null, NOW).ready).toBeNull();
  });

  it('sends hours when hours are chosen, held to the same maximum counted in hours', () => {
    expect(checkDraft({ ...filled, durationDays: '4', durationUnit: 'HOURS' }, () => 14, NOW).ready).toMatchObject({ durationHours: 4 });
    expect(checkDraft({ ...filled, durationDays: '4', durationUnit: 'HOURS' }, () => 14, NOW).ready).not.toHaveProperty('durationDays');
    expect(checkDraft({ ...filled, durationDays: '337', durationUnit: 'HOURS' }, () => 14, NOW).problems[0]?.message).toBe('Access to this part of the record can last at most 14 days (336 hours)');
  });
});

describe('a pasted list of CRNs', () => {
  it('takes any mix of spaces, commas and lines, in any case, once each', () => {
    expect(parseCrnList('x100001, X100002\nX100001;  x100003')).toEqual({ crns: ['X100001', 'X100002', 'X100003'], invalid: [], repeated: ['X100001'] });
  });

  it('lists what is not a CRN as typed', () => {
    expect(parseCrnList('X100001 12345 XX00001').invalid).toEqual(['12345', 'XX00001']);
  });
});
