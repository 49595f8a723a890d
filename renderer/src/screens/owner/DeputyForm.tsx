/** Name an NPS colleague as deputy: find them by name or staff code, then say from when. */
import { useState, type FormEvent } from 'react';
import { call } from '../../broker/call';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { DateInput } from '../../components/DateInput';
import { Radios, TextInput } from '../../components/fields';
import { errorFor, problemsFrom } from '../../components/forms';
import { coreNow } from '../../app/core-clock';
import { fromLondonInputValue, toLondonInputValue } from '../../format/time';

export function DeputyForm({ onAdded }: { onAdded: () => void }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Array<{ staffCode: string; name: string; teamName: string }> | null>(null);
  const [deputy, setDeputy] = useState('');
  const [start, setStart] = useState(() => toLondonInputValue(coreNow()));
  const [end, setEnd] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);

  const search = async () => {
    if (query.trim().length < 2) return setProblems([{ fieldId: 'deputy-query', message: 'Enter at least 2 characters of a name or staff code' }]);
    const result = await call('caseload.findStaff', { query, sector: 'NPS' });
    if (!result.ok) return setProblems(problemsFrom(result.error, { query: 'deputy-query' }));
    setProblems([]);
    setFound(result.value);
    setDeputy('');
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const startAt = fromLondonInputValue(start);
    const endAt = end ? fromLondonInputValue(end) : null;
    const issues: Problem[] = [];
    if (!deputy) issues.push({ fieldId: 'deputy-choice', message: 'Choose your deputy' });
    if (startAt === null) issues.push({ fieldId: 'deputy-start', message: 'Enter when they start standing in' });
    if (end && endAt === null) issues.push({ fieldId: 'deputy-end', message: 'Enter the end as a date and time, or leave it empty' });
    setProblems(issues);
    if (issues.length > 0 || startAt === null) return;
    const result = await call('caseload.addDeputy', { deputyStaffCode: deputy, startAt, endAt });
    if (!result.ok) return setProblems(problemsFrom(result.error, { deputyStaffCode: 'deputy-choice', startAt: 'deputy-start', endAt: 'deputy-end' }));
    setFound(null);
    setQuery('');
    setEnd('');
    onAdded();
  };

  return (
    <form onSubmit={(e) => void add(e)} noValidate>
      <h3 className="govuk-heading-s">Name a deputy</h3>
      <ErrorSummary problems={problems} />
      <div className="rab-filters">
        <TextInput id="deputy-query" label="Name or staff code" value={query} onChange={setQuery} width="govuk-input--width-20" error={errorFor(problems, 'deputy-query')} />
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void search()}>
          Find
        </button>
      </div>
      {found ? (
        found.length === 0 ? (
          <p className="govuk-body">No NPS staff found.</p>
        ) : (
          <>
            <Radios id="deputy-choice" legend="Deputy" value={deputy} onChange={setDeputy} small error={errorFor(problems, 'deputy-choice')} choices={found.slice(0, 20).map((s) => ({ value: s.staffCode, label: `${s.name} (${s.staffCode})`, hint: s.teamName }))} />
            <DateInput withTime id="deputy-start" label="From" value={start} onChange={setStart} error={errorFor(problems, 'deputy-start')} />
            <DateInput withTime id="deputy-end" label="Until (optional)" value={end} onChange={setEnd} error={errorFor(problems, 'deputy-end')} />
            <button type="submit" className="govuk-button govuk-button--secondary">
              Name as deputy
            </button>
          </>
        )
      ) : null}
    </form>
  );
}
