/**
 * Forms checked by the contract's own zod schema (react-hook-form with a resolver that runs the
 * channel's input schema), so the window refuses exactly what the broker would refuse, with no
 * second copy of the rules here. A form may hold its answers in its own shape (text boxes, a
 * "days or hours" choice); `toInput` turns them into the channel's input, and each refusal lands on
 * the field the contract's path names. The refusals are shown as the GOV.UK error summary and
 * against each field, worded with its label; a refusal from the broker itself is shown the same way.
 */
import { useState, type SyntheticEvent } from 'react';
import { useForm, type DefaultValues, type FieldErrors, type FieldValues, type Resolver } from 'react-hook-form';
import type { z } from 'zod';
import type { AppErrorShape } from '../../../shared/errors';
import type { Problem } from './ErrorSummary';
import { fromLondonInputValue } from '../format/time';
import { fieldMessage, problemsFrom } from './forms';

/** Each field of the form: its element id and its label, by the contract's input name. */
export type FormFields = Record<string, { id: string; label: string }>;

/** The form's refusals, in the order of its fields; a refusal of no listed field is shown unlinked. */
export function problemsFromForm<T extends FieldValues>(errors: FieldErrors<T>, fields: FormFields): Problem[] {
  const problems: Problem[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const error = errors[name];
    const message = error && typeof error.message === 'string' ? error.message : undefined;
    if (message) problems.push({ fieldId: field.id, message: fieldMessage(field.label, message) });
  }
  const root = errors.root?.message;
  if (typeof root === 'string' && root) problems.push({ message: fieldMessage(undefined, root) });
  return problems;
}

/** Zod's generic refusals in the words of a form (a field's own schema message always wins). */
function formWords(issue: z.core.$ZodRawIssue): string | undefined {
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined || input === null || input === '') return 'is required';
      // A date the boxes do not make (instantInput) comes as its text; a number that is not one as NaN.
      if ((issue.expected === 'number' || issue.expected === 'int') && typeof input === 'string') return 'must be a real date and time, like 4 3 2026 and 09:30';
      if (issue.expected === 'number' || issue.expected === 'int') return 'must be a whole number';
      return undefined;
    case 'too_small':
      if (issue.origin === 'number') return `must be at least ${String(issue.minimum)}`;
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'is required' : `must be at least ${String(issue.minimum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return 'choose at least one';
      return undefined;
    case 'too_big':
      if (issue.origin === 'number') return `must be at most ${String(issue.maximum)}`;
      if (issue.origin === 'string') return `must be ${String(issue.maximum)} characters or fewer`;
      return undefined;
    case 'invalid_value':
      return input === undefined || input === null || input === '' ? 'choose one' : 'choose one of the answers given';
    default:
      return undefined;
  }
}

/**
 * A moment typed in the date input (London time) as the contract's instant: nothing when left
 * empty, and the text itself when it is not a real date and time, so the contract refuses it.
 */
export function instantInput(value: string): number | string | undefined {
  if (!value) return undefined;
  return fromLondonInputValue(value) ?? value;
}

/**
 * The form field that answers for a path in the channel's input. Most forms have one field per
 * input name (the path's first part); a form of a nested input (the policy) names its own fields.
 */
export type FieldOf = (path: string[]) => string | undefined;
const firstPart: FieldOf = (path) => path[0];

/**
 * A react-hook-form resolver that checks the channel's input schema. The form's values go through
 * `toInput` first; the schema's output (defaults filled, text trimmed) is what the form sends.
 * Each issue is put on the form under the first part of its path, the contract's input name.
 */
export function contractResolver<V extends FieldValues, O>(
  schema: z.ZodType<O> | ((values: V) => z.ZodType<O>),
  toInput: (values: V) => unknown,
  fieldOf: FieldOf = firstPart,
): Resolver<V, unknown, O> {
  return (values) => {
    const checked = typeof schema === 'function' ? schema(values) : schema;
    const parsed = checked.safeParse(toInput(values), { error: formWords });
    if (parsed.success) return { values: parsed.data, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of parsed.error.issues) {
      const name = issue.path.length > 0 ? (fieldOf(issue.path.map(String)) ?? 'root') : 'root';
      errors[name] ??= { type: issue.code, message: issue.message };
    }
    return { values: {}, errors: errors as FieldErrors<V> };
  };
}

export interface ContractForm<V extends FieldValues, O> {
  form: ReturnType<typeof useForm<V, unknown, O>>;
  /** What to show: the form's own refusals, then the broker's. */
  problems: Problem[];
  /** Shows a refusal from the broker against the fields it names. */
  refuse: (error: AppErrorShape | Problem[]) => void;
  /** The form's submit handler: checks by the contract, then calls `send` with the channel's input. */
  onSubmit: (send: (input: O) => Promise<void>) => (event?: SyntheticEvent) => void;
}

/**
 * One form on one channel: react-hook-form with the contract resolver, and the broker's own
 * refusals (structured field errors) mapped onto the same fields. `values`, when given, fills the
 * form from data loaded from the broker (a policy, a request being decided).
 */
export function useContractForm<V extends FieldValues, O>(options: {
  /** The channel's input schema, or the schema for the values given (a form that sends to one of two channels). */
  schema: z.ZodType<O> | ((values: V) => z.ZodType<O>);
  toInput: (values: V) => unknown;
  /** The form's fields by the contract's input names; a function when where a field is asked depends on the answers. */
  fields: FormFields | ((values: V) => FormFields);
  defaultValues: DefaultValues<V>;
  values?: V | undefined;
  /** The form field for a path in the input, when it is not the path's first part. */
  fieldOf?: FieldOf;
}): ContractForm<V, O> {
  const { schema, toInput, fields, defaultValues, values, fieldOf = firstPart } = options;
  const form = useForm<V, unknown, O>({ resolver: contractResolver(schema, toInput, fieldOf), defaultValues, ...(values ? { values } : {}) });
  const [refused, setRefused] = useState<Problem[]>([]);
  const fieldsNow = typeof fields === 'function' ? fields(form.getValues()) : fields;
  const problems = [...problemsFromForm(form.formState.errors, fieldsNow), ...refused];
  const refuse = (error: AppErrorShape | Problem[]) => setRefused(Array.isArray(error) ? error : problemsFrom(error, fieldsNow, fieldOf));
  const onSubmit = (send: (input: O) => Promise<void>) => (event?: SyntheticEvent) => {
    setRefused([]);
    void form.handleSubmit(send)(event);
  };
  return { form, problems, refuse, onSubmit };
}
