import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/contract/policy-settings';
import { ERROR_CODES } from '../../../shared/errors';
import { problemsFrom } from '../components/forms';
import { sortRows, type Column } from '../components/sort-rows';
import { compareNumber, matchesText } from '../format/filter';
import { formToPolicy, policyProblems, policyToForm } from '../screens/admin/policy-form';
import { progressText } from '../screens/admin/import-progress-text';
import { homeFor, isCurrent, NAV_ITEMS } from './navigation';

describe('the broker’s refusals on a form', () => {
  it('puts each invalid field’s message against that field', () => {
    const problems = problemsFrom(
      { code: 'INVALID_INPUT', message: `${ERROR_CODES.INVALID_INPUT} justification: is required; durationDays: Too big` },
      { justification: 'request-justification', durationDays: 'request-duration' },
    );
    expect(problems).toEqual([
      { fieldId: 'request-justification', message: 'justification: is required' },
      { fieldId: 'request-duration', message: 'durationDays: Too big' },
    ]);
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
  });

  it('puts the broker’s own objections against the right field', () => {
    const problems = policyProblems({ code: 'INVALID_INPUT', message: `${ERROR_CODES.INVALID_INPUT} policy.sla.ROUTINE.minutes: Too small; policy.workingHours.end: the working day must end after it starts` });
    expect(problems.map((p) => p.fieldId)).toEqual(['policy-sla-ROUTINE-minutes', 'policy-end']);
  });
});

describe('the import progress bar', () => {
  it('says how far the import has got', () => {
    expect(progressText({ running: true, file: 'people.csv', rowsDone: 5000, rowsTotal: 20000 })).toBe('25%: 5,000 of 20,000 rows, reading people.csv');
    expect(progressText({ running: true, file: null, rowsDone: 0, rowsTotal: 0 })).toBe('Starting');
  });
});

describe('navigation by role', () => {
  const user = (roles: Array<'crc-practitioner' | 'nps-offender-manager' | 'hub' | 'admin' | 'lao-admin'>) => ({
    userId: 1, username: 'u', displayName: 'U', roles, staffCode: null, sector: null, providerName: null, teamName: null,
  });

  it('lands each role on its main screen', () => {
    expect(homeFor(user(['crc-practitioner']))).toBe('/people');
    expect(homeFor(user(['nps-offender-manager']))).toBe('/inbox');
    expect(homeFor(user(['hub', 'lao-admin']))).toBe('/hub');
    expect(homeFor(user(['admin']))).toBe('/admin/users');
  });

  it('marks the section a screen belongs to as current', () => {
    const people = NAV_ITEMS.find((i) => i.href === '#/people')!;
    expect(isCurrent(people, '/records/X100001')).toBe(true);
    expect(isCurrent(people, '/peoplex')).toBe(false);
  });
});
