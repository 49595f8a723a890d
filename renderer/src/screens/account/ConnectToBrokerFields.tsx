/**
 * First run's "Connect to your organisation's broker": the broker's address and, if the
 * organisation gave one, the certificate authority to trust instead of the computer's own list.
 * The file is read here and only its text goes to the app; the app checks that the broker answers
 * before saving anything.
 */
import type { Problem } from '../../components/ErrorSummary';
import { TextInput } from '../../components/fields';
import { errorFor } from '../../components/forms';

export const CONNECT_FIELDS = { brokerUrl: 'broker-url', caPem: 'broker-ca' };

export interface BrokerDetails {
  brokerUrl: string;
  caPem: string | null;
  caName: string;
}

export function ConnectToBrokerFields({ details, onChange, problems }: { details: BrokerDetails; onChange: (details: BrokerDetails) => void; problems: Problem[] }) {
  const caError = errorFor(problems, CONNECT_FIELDS.caPem);
  const chooseCa = async (files: FileList | null) => {
    const file = files?.[0];
    onChange({ ...details, caPem: file ? await file.text() : null, caName: file?.name ?? '' });
  };
  return (
    <>
      <TextInput
        id={CONNECT_FIELDS.brokerUrl}
        label="Broker address"
        hint="Given by your organisation, for example https://broker.probation.example:8443"
        value={details.brokerUrl}
        onChange={(brokerUrl) => onChange({ ...details, brokerUrl })}
        width="govuk-!-width-two-thirds"
        spellCheck={false}
        error={errorFor(problems, CONNECT_FIELDS.brokerUrl)}
      />
      <div className={`govuk-form-group${caError ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor={CONNECT_FIELDS.caPem}>
          Certificate authority (optional)
        </label>
        <div id={`${CONNECT_FIELDS.caPem}-hint`} className="govuk-hint">
          Only if your organisation gave you a certificate file (.pem or .crt); otherwise this computer&rsquo;s own trusted authorities are used.
        </div>
        {caError ? (
          <p id={`${CONNECT_FIELDS.caPem}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {caError}
          </p>
        ) : null}
        <input
          className={`govuk-file-upload${caError ? ' govuk-file-upload--error' : ''}`}
          id={CONNECT_FIELDS.caPem}
          name={CONNECT_FIELDS.caPem}
          type="file"
          accept=".pem,.crt,.cer"
          aria-describedby={`${CONNECT_FIELDS.caPem}-hint${caError ? ` ${CONNECT_FIELDS.caPem}-error` : ''}`}
          onChange={(e) => void chooseCa(e.target.files)}
        />
      </div>
    </>
  );
}

