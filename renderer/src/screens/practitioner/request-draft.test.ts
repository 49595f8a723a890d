import { describe, expect, it } from 'vitest';
import '../../../../shared/contract/jitless-zod';
import { CONTRACT } from '../../../../shared/contract';
import { contractResolver, problemsFromForm } from '../../components/contract-form';
import { EMPTY_DRAFT, REQUEST_FIELD_IDS, REQUEST_FIELDS, requestInput, type RequestDraft } from './request-draft';
import { parseCrnList } from './crn-list';

const filled: RequestDraft = { scope: 'ROSH_SUMMARY', purpose: 'PROGRAMME_DELIVERY', justification: 'Group starts Thursday', urgency: 'ROUTINE', neededBy: '', durationDays: '14', durationUnit: 'DAYS' };
const resolver = contractResolver(CONTRACT['requests.create'].input, (d: RequestDraft) => requestInput(d, ['X320741']));

/** What the form would say about a draft, as the error summary lists it. */
async function check(draft: RequestDraft) {
  const result = await resolver(draft, undefined, { fields: {}, shouldUseNativeValidation: false });
  return { values: result.values as Record<string, unknown>, problems: problemsFromForm(result.errors, REQUEST_FIELDS) };
}

describe('an access request checked by the contract before it is sent', () => {
  it('names every unanswered question against its own field, in its own words', async () => {
    const { problems } = await check(EMPTY_DRAFT);
    expect(problems).toEqual([
      { fieldId: REQUEST_FIELD_IDS.scope, message: 'How much of the record: choose one' },
      { fieldId: REQUEST_FIELD_IDS.purpose, message: 'What you need it for: choose one' },
      { fieldId: REQUEST_FIELD_IDS.justification, message: 'Why you need it: is required' },
      { fieldId: REQUEST_FIELD_IDS.urgency, message: 'How soon you need it: choose one' },
      { fieldId: REQUEST_FIELD_IDS.durationDays, message: 'How long: is required' },
    ]);
  });

  it('wants a whole number of days or hours', async () => {
    expect((await check({ ...filled, durationDays: '1.5' })).problems).toEqual([{ fieldId: REQUEST_FIELD_IDS.durationDays, message: 'How long: must be a whole number' }]);
    expect((await check({ ...filled, durationDays: '0', durationUnit: 'HOURS' })).problems).toEqual([{ fieldId: REQUEST_FIELD_IDS.durationDays, message: 'How long: must be at least 1' }]);
  });

  it('sends hours as hours and days as days', async () => {
    expect((await check({ ...filled, durationDays: '6', durationUnit: 'HOURS' })).values).toMatchObject({ durationHours: 6 });
    expect((await check(filled)).values).toMatchObject({ durationDays: 14 });
  });

  it('reads a needed-by time as London time, and refuses a date that does not exist', async () => {
    expect((await check({ ...filled, neededBy: '2026-06-02T13:00' })).values).toMatchObject({ neededBy: Date.UTC(2026, 5, 2, 12, 0) });
    expect((await check({ ...filled, neededBy: '2026-02-31T09:00' })).problems).toEqual([{ fieldId: REQUEST_FIELD_IDS.neededBy, message: 'Needed by: must be a real date and time, like 4 3 2026 and 09:30' }]);
  });

  it('sends the justification trimmed, as the broker stores it', async () => {
    expect((await check({ ...filled, justification: '  Group starts Thursday  ' })).values).toMatchObject({ justification: 'Group starts Thursday' });
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
