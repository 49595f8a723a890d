/** The sections of a record, each shown only when the broker returned it. Read-only text. */
import type { RecordView } from '../../../../shared/contract/records';
import type { RiskLevel } from '../../../../shared/domain/access';
import { mappaLabel } from '../../components/RiskSummaryPanel';
import { SummaryList } from '../../components/SummaryList';
import { RiskTag } from '../../components/Tags';
import { formatIsoDate } from '../../format/time';

type Levels = { children: RiskLevel | null; public: RiskLevel | null; knownAdult: RiskLevel | null; staff: RiskLevel | null };

const ALERT_CLASS = { Red: 'rab-alert-card rab-alert-card--red', Amber: 'rab-alert-card rab-alert-card--amber', Green: 'rab-alert-card rab-alert-card--green', White: 'rab-alert-card' } as const;

function RiskLevels({ levels, title }: { levels: Levels; title: string }) {
  return (
    <>
      <h3 className="govuk-heading-s">{title}</h3>
      <div className="rab-risk-levels">
        {(
          [
            ['Children', levels.children],
            ['Public', levels.public],
            ['Known adult', levels.knownAdult],
            ['Staff', levels.staff],
          ] as const
        ).map(([who, level]) => (
          <div className="rab-risk-levels__item" key={who}>
            <p className="govuk-body-s govuk-!-margin-bottom-1">Risk to {who.toLowerCase()}</p>
            <RiskTag level={level} prefix="" />
          </div>
        ))}
      </div>
    </>
  );
}

const text = (value: string | null) => <span className="rab-pre-wrap">{value ?? 'Not recorded'}</span>;

export function FrontSheetSection({ sheet }: { sheet: NonNullable<RecordView['frontSheet']> }) {
  return (
    <section aria-labelledby="front-sheet" data-testid="section-front-sheet">
      <h2 className="govuk-heading-l" id="front-sheet">
        Front sheet
      </h2>
      {sheet.alerts.length === 0 ? <p className="govuk-body">No active alert registrations.</p> : null}
      {sheet.alerts.map((a) => (
        <div className={ALERT_CLASS[a.colour]} key={`${a.code}-${a.startDate}`} data-testid="alert">
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
            {a.description} <span className="govuk-body-s">({a.code})</span>
          </h3>
          <p className="govuk-body govuk-!-margin-bottom-1">{a.alertMessage}</p>
          {a.notes ? <p className="govuk-body rab-pre-wrap govuk-!-margin-bottom-1">{a.notes}</p> : null}
          <p className="govuk-body-s govuk-!-margin-bottom-0">
            Since {formatIsoDate(a.startDate)}
            {a.nextReviewDate ? `, next review ${formatIsoDate(a.nextReviewDate)}` : ''}
          </p>
        </div>
      ))}
      <h3 className="govuk-heading-m">Risk of serious harm</h3>
      <p className="govuk-body">
        Overall: <RiskTag level={sheet.roshLevel} /> {sheet.mappa ? <strong className="govuk-tag govuk-tag--purple">{mappaLabel(sheet.mappa.category, sheet.mappa.level)}</strong> : null}
      </p>
      <RiskLevels levels={sheet.roshCommunity} title="In the community" />
      {sheet.safetyWarnings.length > 0 ? (
        <>
          <h3 className="govuk-heading-m">Safety warnings</h3>
          <ul className="govuk-list govuk-list--bullet" data-testid="safety-warnings">
            {sheet.safetyWarnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function RoshSummarySection({ rosh }: { rosh: NonNullable<RecordView['roshSummary']> }) {
  return (
    <section aria-labelledby="rosh-summary" data-testid="section-rosh-summary">
      <h2 className="govuk-heading-l" id="rosh-summary">
        RoSH summary
      </h2>
      <p className="govuk-body-s">OASys assessment {rosh.assessmentId}, completed {formatIsoDate(rosh.completedDate)}</p>
      <SummaryList
        rows={[
          { key: 'Who is at risk (SUM1)', value: text(rosh.whoIsAtRisk) },
          { key: 'Nature of the risk (SUM2)', value: text(rosh.natureOfRisk) },
          { key: 'Imminence (SUM3)', value: text(rosh.imminence) },
          { key: 'What increases the risk (SUM4)', value: text(rosh.riskIncreasers) },
          { key: 'What reduces the risk (SUM5)', value: text(rosh.riskReducers) },
        ]}
      />
      <RiskLevels levels={rosh.community} title="Risk in the community" />
      <RiskLevels levels={rosh.custody} title="Risk in custody" />
      <h3 className="govuk-heading-s">Risk to self</h3>
      <SummaryList
        rows={[
          { key: 'Suicide', value: text(rosh.riskToSelf.suicide) },
          { key: 'Self-harm', value: text(rosh.riskToSelf.selfHarm) },
          { key: 'Coping in custody', value: text(rosh.riskToSelf.custody) },
          { key: 'Vulnerability', value: text(rosh.riskToSelf.vulnerability) },
        ]}
      />
    </section>
  );
}

export function RiskManagementPlanSection({ plan }: { plan: NonNullable<RecordView['riskManagementPlan']> }) {
  return (
    <section aria-labelledby="rmp" data-testid="section-risk-management-plan">
      <h2 className="govuk-heading-l" id="rmp">
        Risk management plan
      </h2>
      <p className="govuk-body-s">OASys assessment {plan.assessmentId}, completed {formatIsoDate(plan.completedDate)}</p>
      <SummaryList
        rows={[
          { key: 'Current situation', value: text(plan.currentSituation) },
          { key: 'Supervision', value: text(plan.supervision) },
          { key: 'Monitoring and control', value: text(plan.monitoringAndControl) },
          { key: 'Interventions and treatment', value: text(plan.interventionsAndTreatment) },
          { key: 'Victim safety planning', value: text(plan.victimSafetyPlanning) },
          { key: 'Contingency plan', value: text(plan.contingencyPlan) },
        ]}
      />
    </section>
  );
}

export function FullRecordSection({ record }: { record: NonNullable<RecordView['fullRecord']> }) {
  const p = record.predictors;
  return (
    <section aria-labelledby="full-record" data-testid="section-full-record">
      <h2 className="govuk-heading-l" id="full-record">
        Full record
      </h2>
      <h3 className="govuk-heading-m">Sentences</h3>
      {record.sentences.length === 0 ? <p className="govuk-body">None recorded.</p> : null}
      {record.sentences.map((s) => (
        <SummaryList
          key={s.id}
          rows={[
            { key: 'Sentence', value: s.description },
            { key: 'Length', value: s.lengthMonths !== null ? `${s.lengthMonths} months` : 'Not recorded' },
            { key: 'Dates', value: `${formatIsoDate(s.startDate)} to ${s.endDate ? formatIsoDate(s.endDate) : 'no end date'}` },
            { key: 'Requirements', value: text(s.requirements) },
          ]}
        />
      ))}
      {p ? (
        <>
          <h3 className="govuk-heading-m">Predictors</h3>
          <SummaryList
            rows={[
              { key: 'OGRS3', value: `${p.ogrs3OneYear ?? '–'}% (1 year), ${p.ogrs3TwoYear ?? '–'}% (2 years)` },
              { key: 'OGP / OVP', value: `${p.ogp ?? '–'}% / ${p.ovp ?? '–'}%` },
              { key: 'RSR', value: `${p.rsr ?? '–'}%${p.rsrType ? ` (${p.rsrType.toLowerCase()})` : ''}` },
              { key: 'OSP-C / OSP-I', value: `${p.ospC ?? '–'} / ${p.ospI ?? '–'}` },
            ]}
          />
        </>
      ) : null}
      <h3 className="govuk-heading-m">Registration history</h3>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Registration history</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Registration</th>
            <th scope="col" className="govuk-table__header">From</th>
            <th scope="col" className="govuk-table__header">To</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {record.registrationHistory.map((r) => (
            <tr className="govuk-table__row" key={`${r.code}-${r.startDate}`}>
              <td className="govuk-table__cell">
                {r.description} ({r.code}){r.active ? <strong className="govuk-tag govuk-tag--green govuk-!-margin-left-2">Active</strong> : null}
              </td>
              <td className="govuk-table__cell">{formatIsoDate(r.startDate)}</td>
              <td className="govuk-table__cell">{r.endDate ? formatIsoDate(r.endDate) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="govuk-heading-m">Allocations</h3>
      <ul className="govuk-list govuk-list--bullet">
        {record.allocations.map((a) => (
          <li key={`${a.kind}-${a.description}-${a.startDate}`}>
            {a.description} with {a.staffName}, {formatIsoDate(a.startDate)} to {a.endDate ? formatIsoDate(a.endDate) : 'no end date'}
          </li>
        ))}
      </ul>
    </section>
  );
}
