import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/contract/policy-settings';
import { ERROR_CODES } from '../../../shared/errors';
import { problemsFrom } from '../components/forms';
import { sortRows, type Column } from '../components/sort-rows';
import { compareNumber, matchesText } from '../format/filter';
import { formToPolicy, policyProblems, policyToForm } from '../screens/admin/policy-form';
import { progressText } from '../screens/admin/import-progress-text';

describe('the broker’s refusals on a form', () => {
  it('puts each refused field’s message against that field, worded with the field’s label', () => {
    const problems = problemsFrom(
      {
        code: 'INVALID_INPUT',
        message: `${ERROR_CODES.INVALID_INPUT} justification: is required; durationDays: Too big`,
        fields: [{ path: 'justification', message: 'is required' }, { path: 'durationDays', message: 'Too big: expected number to be <=30' }],
      },
      { justification: { id: 'request-justification', label: 'Why you need it' }, durationDays: { id: 'request-duration', label: 'For how many days' } },
    );
    expect(problems).toEqual([
      { fieldId: 'request-justification', message: 'Why you need it: is required' },
      { fieldId: 'request-duration', message: 'For how many days: too big: expected number to be <=30' },
    ]);
  });

  it('never shows the contract’s key, even for a field the form does not have', () => {
    const problems = problemsFrom({ code: 'INVALID_INPUT', message: 'x', fields: [{ path: 'immediate_safety.minutes', message: 'must be a whole number' }] });
    expect(problems).toEqual([{ message: 'Must be a whole number' }]);
  });

  it('shows any other refusal as the broker worded it', () => {
    expect(problemsFrom({ code: 'ACCESS_EXCLUDED', message: 'You are excluded from this record.' })).toEqual([{ message: 'You are excluded from this record.' }]);
  });
});

describe('long lists in the window', () => {
  const rows = [
    { id: 1, name: 'Ann', due: 30 },
    { id: 2, name: 'bob', due: 10 },
    { id: 3, name: 'Cy', due: 10 },
  ];
  const columns: Column<(typeof rows)[number]>[] = [
    { key: 'name', header: 'Name', render: (r) => r.name },
    { key: 'due', header: 'Due', render: (r) => r.due, compare: (a, b) => compareNumber(a.due, b.due) },
  ];

  it('sorts by a sortable column both ways, keeping the broker’s order for ties', () => {
    expect(sortRows(rows, columns, { key: 'due', direction: 'ascending' }).map((r) => r.id)).toEqual([2, 3, 1]);
    expect(sortRows(rows, columns, { key: 'due', direction: 'descending' }).map((r) => r.id)).toEqual([1, 2, 3]);
    expect(sortRows(rows, columns, { key: 'name', direction: 'ascending' }).map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('filters on every word typed, in any field, ignoring case', () => {
    expect(matchesText(['Wayne Walker', 'X100001'], 'walker x1000')).toBe(true);
    expect(matchesText(['Wayne Walker', 'X100001'], 'walker smith')).toBe(false);
    expect(matchesText([null, 'X1'], '  ')).toBe(true);
  });
});

describe('the policy form', () => {
  it('turns the policy into fields and back unchanged', () => {
    expect(formToPolicy(policyToForm(DEFAULT_POLICY))).toEqual({ policy: DEFAULT_POLICY, problems: [] });
  });

  it('reports a number that is not a whole number against its field', () => {
    const form = { ...policyToForm(DEFAULT_POLICY), 'max-FULL_RECORD': '14.5', days: '1,2,9' };
    const { policy, problems } = formToPolicy(form);
    expect(policy).toBeNull();
    expect(problems.map((p) => p.fieldId)).toEqual(['policy-max-FULL_RECORD', 'policy-days']);
    // The field's label, never the contract's key ("FULL_RECORD", "immediate_safety").
    expect(problems[0]!.message).toBe('Longest access to the full record, in days: enter a whole number');
  });

  it('puts the broker’s own objections against the right field', () => {
    const problems = policyProblems({
      code: 'INVALID_INPUT',
      message: `${ERROR_CODES.INVALID_INPUT} policy.sla.ROUTINE.minutes: Too small; policy.workingHours.end: the working day must end after it starts`,
      fields: [{ path: 'policy.sla.ROUTINE.minutes', message: 'Too small' }, { path: 'policy.workingHours.end', message: 'the working day must end after it starts' }],
    });
    expect(problems.map((p) => p.fieldId)).toEqual(['policy-sla-ROUTINE-minutes', 'policy-end']);
    expect(problems.map((p) => p.message)).toEqual(['Minutes for routine: too small', 'Day ends: the working day must end after it starts']);
  });
});

describe('the import progress bar', () => {
  it('says how far the import has got', () => {
    expect(progressText({ running: true, file: 'people.csv', rowsDone: 5000, rowsTotal: 20000 })).toBe('25%: 5,000 of 20,000 rows, reading people.csv');
    expect(progressText({ running: true, file: null, rowsDone: 0, rowsTotal: 0 })).toBe('Starting');
  });
});
