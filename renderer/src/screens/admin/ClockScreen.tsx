/**
 * The clock as the store sees it. If the computer's clock went back, reads of records are paused
 * (a clock moved back could revive ended access) until an administrator acknowledges here.
 */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { NotificationBanner } from '../../components/Banner';
import { ConfirmPassword } from '../../components/ConfirmPassword';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { errorFor } from '../../components/forms';
import { BackLink, LoadProblem, Page } from '../../components/Page';
import { SummaryList } from '../../components/SummaryList';
import { formatDateTime } from '../../format/time';
import { href } from '../../app/router';

const FIELDS: FormFields = { confirmPassword: { id: 'confirm-password', label: 'Your password' } };

export function ClockScreen() {
  const status = useLiveQuery('admin', ['clock'], () => call('admin.clockStatus', {}));
  const { form, problems, refuse, onSubmit } = useContractForm({
    schema: CONTRACT['admin.acknowledgeClock'].input,
    toInput: (v: { confirmPassword: string }) => v,
    fields: FIELDS,
    defaultValues: { confirmPassword: '' },
  });
  const [done, setDone] = useState(false);
  const s = status.value;

  const acknowledge = onSubmit(async (input) => {
    const result = await call('admin.acknowledgeClock', input);
    form.reset();
    if (!result.ok) return refuse(result.error);
    setDone(true);
    await status.reload();
  });

  return (
    <Page title="Clock" before={<BackLink href={href('/admin/audit')}>Audit</BackLink>} hasError={problems.length > 0}>
      <ErrorSummary problems={problems} />
      {done ? <NotificationBanner kind="success" heading="Acknowledged: reads of records have resumed." focus /> : null}
      <LoadProblem error={status.error} loading={status.loading && !s} />
      {s ? (
        <>
          <SummaryList
            rows={[
              { key: 'Time now', value: formatDateTime(s.now) },
              { key: 'Latest time the store has seen', value: formatDateTime(s.latestSeenAt) },
              { key: 'Reads of records', value: s.rollback ? <strong className="govuk-tag govuk-tag--red">Paused</strong> : <strong className="govuk-tag govuk-tag--green">Running</strong> },
            ]}
          />
          {s.rollback ? (
            <form onSubmit={acknowledge} noValidate>
              <p className="govuk-body">
                On {formatDateTime(s.rollback.detectedAt)} the computer’s clock was found behind the latest time seen ({formatDateTime(s.rollback.latestSeenAt)}). Check the clock is right, then acknowledge to resume reads.
              </p>
              <Controller control={form.control} name="confirmPassword" render={({ field }) => <ConfirmPassword value={field.value} onChange={field.onChange} error={errorFor(problems, 'confirm-password')} />} />
              <button type="submit" className="govuk-button govuk-button--warning">
                The clock is right: resume reads
              </button>
            </form>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
