/** Administrators confirm every change with their own password. */
import { TextInput } from './fields';

export function ConfirmPassword({ id = 'confirm-password', value, onChange, error }: { id?: string; value: string; onChange: (v: string) => void; error?: string | undefined }) {
  return (
    <TextInput id={id} label="Your password" hint="To confirm this change" type="password" value={value} onChange={onChange} autoComplete="current-password" width="govuk-input--width-20" error={error} />
  );
}
