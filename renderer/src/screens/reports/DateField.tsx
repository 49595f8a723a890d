/** A day of the report period, in the GOV.UK date input (day, month, year); the value is YYYY-MM-DD. */
import { DateInput } from '../../components/DateInput';

export function DateField({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (value: string) => void; error?: string | undefined }) {
  return <DateInput id={id} label={label} value={value} onChange={onChange} error={error} />;
}
