import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/contract/policy-settings';
import { ERROR_CODES } from '../../../shared/errors';
import { problemsFrom } from '../components/forms';
import { sortRows, type Column } from '../components/sort-rows';
import { compareNumber, matchesText } from '../format/filter';
import { CONTRACT } from '../../../shared/contract';
import { contractResolver, problemsFromForm } from '../components/contract-form';
import { policyFieldOf, policyFields, policyInput, policyToForm } from '../screens/admin/policy-form';
import { FIRST_RUN_FIELDS, firstRunInput, firstRunSchema, NO_ANSWERS, type FirstRunAnswers } from '../screens/account/first-run-form';
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
  const schema = CONTRACT['admin.updatePolicy'].input;
  const fields = policyFields();
  /** What the form shows for these values: the channel's own schema, through the form's resolver. */
  const check = async (form: Record<string, string>) => {
    const resolve = contractResolver(schema, policyInput, policyFieldOf);
    const result = await resolve(form, undefined, { fields: {}, shouldUseNativeValidation: false });
    return problemsFromForm(result.errors, fields);
  };

  it('turns the policy into fields and back unchanged, as the channel takes it', () => {
    const input = schema.parse(policyInput({ ...policyToForm(DEFAULT_POLICY), confirmPassword: 'a password' }));
    expect(input).toEqual({ confirmPassword: 'a password', policy: DEFAULT_POLICY });
  });

  it('reports what the contract refuses against each field, by its label, in the order of the page', async () => {
    const form = { ...policyToForm(DEFAULT_POLICY), confirmPassword: 'x', 'max-FULL_RECORD': '14.5', hubLeadMinutes: 'soon', days: '1,2,9', 'sla-ROUTINE-minutes': '' };
    const problems = await check(form);
    expect(problems.map((p) => p.fieldId)).toEqual(['policy-sla-ROUTINE-minutes', 'policy-hubLeadMinutes', 'policy-max-FULL_RECORD', 'policy-days']);
    // The field's label, never the contract's key ("FULL_RECORD", "immediate_safety").
    expect(problems.map((p) => p.message)).toEqual([
      'Minutes for routine: is required',
      'Hub lead time, in minutes: must be a whole number',
      'Longest access to the full record, in days: must be a whole number',
      'Working days: must be at most 7',
    ]);
  });

  it('puts a rule across fields (the day ends after it starts) and the password on their own fields', async () => {
    const problems = await check({ ...policyToForm(DEFAULT_POLICY), confirmPassword: '', start: '17:00', end: '09:00' });
    expect(problems).toEqual([
      { fieldId: 'policy-end', message: 'Day ends: the working day must end after it starts' },
      { fieldId: 'confirm-password', message: 'Your password: is required' },
    ]);
  });

  it('puts the broker’s own objections against the right field', () => {
    const problems = problemsFrom(
      {
        code: 'INVALID_INPUT',
        message: `${ERROR_CODES.INVALID_INPUT} policy.sla.ROUTINE.minutes: Too small; policy.workingHours.end: the working day must end after it starts`,
        fields: [{ path: 'policy.sla.ROUTINE.minutes', message: 'Too small' }, { path: 'policy.workingHours.end', message: 'the working day must end after it starts' }],
      },
      fields,
      policyFieldOf,
    );
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

describe('the first-run form', () => {
  const check = async (answers: Partial<FirstRunAnswers>) => {
    const resolve = contractResolver(firstRunSchema, firstRunInput);
    const result = await resolve({ ...NO_ANSWERS, ...answers }, undefined, { fields: {}, shouldUseNativeValidation: false });
    return { problems: problemsFromForm(result.errors, FIRST_RUN_FIELDS), values: result.values };
  };

  it('asks for a choice first', async () => {
    expect((await check({})).problems).toEqual([{ fieldId: 'setup-choice', message: 'How do you want to start: choose how to set up Records Access Broker' }]);
  });

  it('checks the administrator by setup.createAdministrator’s own schema, and the password typed twice alike', async () => {
    const short = await check({ choice: 'ADMINISTRATOR', username: 'Ad Min', displayName: '', password: 'short', confirm: 'short' });
    expect(short.problems.map((p) => p.fieldId)).toEqual(['admin-username', 'admin-name', 'admin-password']);
    expect(short.problems[2]!.message).toBe('Password: must be at least 12 characters');
    const unlike = await check({ choice: 'ADMINISTRATOR', username: 'ad.min', displayName: 'Ada Min', password: 'a long password', confirm: 'a long passwort' });
    expect(unlike.problems).toEqual([{ fieldId: 'admin-confirm', message: 'Confirm password: the two passwords do not match' }]);
    const good = await check({ choice: 'ADMINISTRATOR', username: ' ad.min ', displayName: 'Ada Min', password: 'a long password', confirm: 'a long password' });
    expect(good.problems).toEqual([]);
    expect(good.values).toEqual({ username: 'ad.min', displayName: 'Ada Min', password: 'a long password' });
  });

  it('checks the broker address by setup.connectToBroker’s own schema', async () => {
    const { problems } = await check({ choice: 'CONNECT', brokerUrl: 'not an address' });
    expect(problems.map((p) => p.fieldId)).toEqual(['broker-url']);
    expect(problems[0]!.message).toMatch(/^Broker address: must be a web address/);
  });
});
