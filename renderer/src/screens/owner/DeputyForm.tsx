/** Name an NPS colleague as deputy: find them by name or staff code, then say from when. */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import { call } from '../../broker/call';
import { instantInput, useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { DateInput } from '../../components/DateInput';
import { Radios, TextInput } from '../../components/fields';
import { errorFor } from '../../components/forms';
import { coreNow } from '../../app/core-clock';
import { toLondonInputValue } from '../../format/time';

interface DeputyAnswers {
  deputy: string;
  start: string;
  end: string;
}

const SEARCH_FIELDS: FormFields = { query: { id: 'deputy-query', label: 'Name or staff code' } };
const FIELDS: FormFields = {
  deputyStaffCode: { id: 'deputy-choice', label: 'Deputy' },
  startAt: { id: 'deputy-start', label: 'From' },
  endAt: { id: 'deputy-end', label: 'Until' },
};

export function DeputyForm({ onAdded }: { onAdded: () => void }) {
  const [found, setFound] = useState<Array<{ staffCode: string; name: string; teamName: string }> | null>(null);
  // Two questions in turn: whom (searched for by the broker), then from and until when.
  const search = useContractForm({
    schema: CONTRACT['caseload.findStaff'].input,
    toInput: (v: { query: string }) => ({ query: v.query, sector: 'NPS' }),
    fields: SEARCH_FIELDS,
    defaultValues: { query: '' },
  });
  const add = useContractForm({
    schema: CONTRACT['caseload.addDeputy'].input,
    toInput: (v: DeputyAnswers) => ({ deputyStaffCode: v.deputy || undefined, startAt: instantInput(v.start), endAt: instantInput(v.end) ?? null }),
    fields: FIELDS,
    defaultValues: { deputy: '', start: toLondonInputValue(coreNow()), end: '' },
  });
  const problems = [...search.problems, ...add.problems];

  const find = search.onSubmit(async (input) => {
    const result = await call('caseload.findStaff', input);
    if (!result.ok) return search.refuse(result.error);
    setFound(result.value);
    add.form.setValue('deputy', '');
  });

  const name = add.onSubmit(async (input) => {
    const result = await call('caseload.addDeputy', input);
    if (!result.ok) return add.refuse(result.error);
    setFound(null);
    search.form.reset();
    add.form.reset({ deputy: '', start: toLondonInputValue(coreNow()), end: '' });
    onAdded();
  });

  return (
    <form onSubmit={name} noValidate>
      <h3 className="govuk-heading-s">Name a deputy</h3>
      <ErrorSummary problems={problems} />
      <div className="rab-filters">
        <Controller
          control={search.form.control}
          name="query"
          render={({ field }) => <TextInput id="deputy-query" label="Name or staff code" value={field.value} onChange={field.onChange} width="govuk-input--width-20" error={errorFor(problems, 'deputy-query')} />}
        />
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={find}>
          Find
        </button>
      </div>
      {found ? (
        found.length === 0 ? (
          <p className="govuk-body">No NPS staff found.</p>
        ) : (
          <>
            <Controller
              control={add.form.control}
              name="deputy"
              render={({ field }) => (
                <Radios id="deputy-choice" legend="Deputy" value={field.value} onChange={field.onChange} small error={errorFor(problems, 'deputy-choice')} choices={found.slice(0, 20).map((s) => ({ value: s.staffCode, label: `${s.name} (${s.staffCode})`, hint: s.teamName }))} />
              )}
            />
            <Controller control={add.form.control} name="start" render={({ field }) => <DateInput withTime id="deputy-start" label="From" value={field.value} onChange={field.onChange} error={errorFor(problems, 'deputy-start')} />} />
            <Controller control={add.form.control} name="end" render={({ field }) => <DateInput withTime id="deputy-end" label="Until (optional)" value={field.value} onChange={field.onChange} error={errorFor(problems, 'deputy-end')} />} />
            <button type="submit" className="govuk-button govuk-button--secondary">
              Name as deputy
            </button>
          </>
        )
      ) : null}
    </form>
  );
}
