/** GOV.UK form fields: a label, an optional hint, the error message and the control, linked by ids. */
import type { ReactNode } from 'react';

interface FieldBase {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Render the label as the page heading (one-question pages). */
  labelClass?: string;
}

const describedBy = (id: string, hint: unknown, error: unknown): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {error}
    </p>
  );
}

function Hint({ id, hint }: { id: string; hint: ReactNode }) {
  if (!hint) return null;
  return (
    <div id={`${id}-hint`} className="govuk-hint">
      {hint}
    </div>
  );
}

const groupClass = (error: unknown): string => `govuk-form-group${error ? ' govuk-form-group--error' : ''}`;

export function TextInput(
  props: FieldBase & {
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'password' | 'search' | 'number';
    width?: 'govuk-input--width-10' | 'govuk-input--width-20' | 'govuk-input--width-5' | 'govuk-input--width-3' | 'govuk-!-width-one-half' | 'govuk-!-width-two-thirds';
    autoComplete?: string;
    spellCheck?: boolean;
    inputMode?: 'numeric' | 'text';
  },
) {
  const { id, label, hint, error, value, onChange, type = 'text', width, autoComplete, spellCheck, inputMode, labelClass } = props;
  return (
    <div className={groupClass(error)}>
      <label className={`govuk-label ${labelClass ?? ''}`.trim()} htmlFor={id}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <input
        className={`govuk-input ${width ?? ''} ${error ? 'govuk-input--error' : ''}`.trim()}
        id={id}
        name={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        inputMode={inputMode}
      />
    </div>
  );
}

export function Textarea(props: FieldBase & { value: string; onChange: (value: string) => void; rows?: number; spellCheck?: boolean }) {
  const { id, label, hint, error, value, onChange, rows = 4, labelClass, spellCheck } = props;
  return (
    <div className={groupClass(error)}>
      <label className={`govuk-label ${labelClass ?? ''}`.trim()} htmlFor={id}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <textarea
        className={`govuk-textarea ${error ? 'govuk-textarea--error' : ''}`.trim()}
        id={id}
        name={id}
        rows={rows}
        value={value}
        spellCheck={spellCheck}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(id, hint, error)}
      />
    </div>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
}

export function Select<V extends string>(props: FieldBase & { value: V; onChange: (value: V) => void; choices: Choice<V>[] }) {
  const { id, label, hint, error, value, onChange, choices, labelClass } = props;
  return (
    <div className={groupClass(error)}>
      <label className={`govuk-label ${labelClass ?? ''}`.trim()} htmlFor={id}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <select
        className={`govuk-select ${error ? 'govuk-select--error' : ''}`.trim()}
        id={id}
        name={id}
        value={value}
        onChange={(e) => onChange(e.target.value as V)}
        aria-describedby={describedBy(id, hint, error)}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value} disabled={c.disabled}>
            {typeof c.label === 'string' ? c.label : c.value}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Radios<V extends string>(
  props: Omit<FieldBase, 'label'> & { legend: ReactNode; value: V | ''; onChange: (value: V) => void; choices: Choice<V>[]; small?: boolean; legendClass?: string },
) {
  const { id, legend, hint, error, value, onChange, choices, small, legendClass } = props;
  return (
    <div className={groupClass(error)}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend ${legendClass ?? 'govuk-fieldset__legend--s'}`}>{legend}</legend>
        <Hint id={id} hint={hint} />
        <FieldError id={id} error={error} />
        <div className={`govuk-radios ${small ? 'govuk-radios--small' : ''}`.trim()}>
          {choices.map((c, index) => {
            const inputId = index === 0 ? id : `${id}-${c.value}`;
            return (
              <div className="govuk-radios__item" key={c.value}>
                <input
                  className="govuk-radios__input"
                  id={inputId}
                  name={id}
                  type="radio"
                  value={c.value}
                  checked={value === c.value}
                  disabled={c.disabled}
                  onChange={() => onChange(c.value)}
                  aria-describedby={c.hint ? `${inputId}-item-hint` : undefined}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={inputId}>
                  {c.label}
                </label>
                {c.hint ? (
                  <div id={`${inputId}-item-hint`} className="govuk-hint govuk-radios__hint">
                    {c.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Checkboxes<V extends string>(
  props: Omit<FieldBase, 'label'> & { legend: ReactNode; values: V[]; onChange: (values: V[]) => void; choices: Choice<V>[]; small?: boolean },
) {
  const { id, legend, hint, error, values, onChange, choices, small } = props;
  const toggle = (v: V) => onChange(values.includes(v) ? values.filter((x) => x !== v) : [...values, v]);
  return (
    <div className={groupClass(error)}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <Hint id={id} hint={hint} />
        <FieldError id={id} error={error} />
        <div className={`govuk-checkboxes ${small ? 'govuk-checkboxes--small' : ''}`.trim()}>
          {choices.map((c, index) => {
            const inputId = index === 0 ? id : `${id}-${c.value}`;
            return (
              <div className="govuk-checkboxes__item" key={c.value}>
                <input
                  className="govuk-checkboxes__input"
                  id={inputId}
                  name={id}
                  type="checkbox"
                  value={c.value}
                  checked={values.includes(c.value)}
                  disabled={c.disabled}
                  onChange={() => toggle(c.value)}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={inputId}>
                  {c.label}
                </label>
                {c.hint ? <div className="govuk-hint govuk-checkboxes__hint">{c.hint}</div> : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
