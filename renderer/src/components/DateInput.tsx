/**
 * The GOV.UK date input: day, month and year in their own boxes, and, for a moment in time, a
 * separate 24-hour time box. Browsers' own date inputs show "mm/dd/yyyy" and a 12-hour clock
 * whatever the language, which misleads UK staff. The value is London wall-clock time
 * ("2026-03-04T09:30", or "2026-03-04" for a date alone), as the screens already handle it.
 * The day box carries the field's id, so the error summary's link lands on it.
 */
import { useState, type ReactNode } from 'react';
import { partsFromValue, valueFromParts, type DateParts } from '../format/date-parts';

interface DateInputProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  /** Ask for a time as well as a date. */
  withTime?: boolean;
  legendClass?: string;
}

export function DateInput({ id, label, hint, error, value, onChange, withTime = false, legendClass = 'govuk-fieldset__legend--s' }: DateInputProps) {
  // The boxes keep what is typed, even half-done; a new value from the screen (a reset) replaces it.
  const [parts, setParts] = useState<DateParts>(() => partsFromValue(value, withTime));
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    setLastValue(value);
    if (value !== valueFromParts(parts)) setParts(partsFromValue(value, withTime));
  }
  const set = (key: keyof DateParts) => (raw: string) => {
    const next = { ...parts, [key]: raw };
    setParts(next);
    const composed = valueFromParts(next);
    setLastValue(composed);
    onChange(composed);
  };
  const hintText = hint ?? (withTime ? 'For example, 4 3 2026 and 09:30 (London time, 24-hour clock)' : 'For example, 4 3 2026');
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const box = (key: keyof DateParts, boxId: string, boxLabel: string, width: string) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={boxId}>
          {boxLabel}
        </label>
        <input
          className={`govuk-input govuk-date-input__input ${width}${error ? ' govuk-input--error' : ''}`}
          id={boxId}
          name={boxId}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={parts[key] ?? ''}
          onChange={(e) => set(key)(e.target.value)}
          {...(key === 'day' ? { 'data-field-label': label } : {})}
        />
      </div>
    </div>
  );
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy} data-testid={`${id}-date`}>
        <legend className={`govuk-fieldset__legend ${legendClass}`}>{label}</legend>
        <div id={`${id}-hint`} className="govuk-hint">
          {hintText}
        </div>
        {error ? (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-date-input">
          {box('day', id, 'Day', 'govuk-input--width-2')}
          {box('month', `${id}-month`, 'Month', 'govuk-input--width-2')}
          {box('year', `${id}-year`, 'Year', 'govuk-input--width-4')}
          {withTime ? box('time', `${id}-time`, 'Time', 'govuk-input--width-4') : null}
        </div>
      </fieldset>
    </div>
  );
}
