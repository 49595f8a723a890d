/** The short risk picture a decider reads beside a request: RoSH, MAPPA, tier and the red flags. */
import type { RiskSummary } from '../../../shared/contract/common';
import { RestrictedTag, RiskTag } from './Tags';

const FLAG_CLASS: Record<RiskSummary['flags'][number]['colour'], string> = {
  Red: 'rab-alert-card rab-alert-card--red',
  Amber: 'rab-alert-card rab-alert-card--amber',
  Green: 'rab-alert-card rab-alert-card--green',
  White: 'rab-alert-card',
};

/** "MAPPA category 1, level 2" from the nDelius codes M1 and M2. */
export function mappaLabel(category: string | null, level: string | null): string {
  const parts = [category ? `category ${category.replace(/^M/, '')}` : null, level ? `level ${level.replace(/^M/, '')}` : null].filter(Boolean);
  return parts.length > 0 ? `MAPPA ${parts.join(', ')}` : 'MAPPA';
}

export function RiskSummaryPanel({ risk, heading, headingLevel = 2 }: { risk: RiskSummary; heading: string; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const mappa = risk.mappa ? mappaLabel(risk.mappa.category, risk.mappa.level) : null;
  return (
    <section className={`rab-side-panel ${risk.restricted ? 'rab-side-panel--restricted' : ''}`.trim()} aria-label={heading} data-testid="risk-summary">
      <H className="govuk-heading-m">{heading}</H>
      <p className="govuk-body rab-inline-actions">
        <RiskTag level={risk.roshLevel} />
        {mappa ? <strong className="govuk-tag govuk-tag--purple">{mappa}</strong> : null}
        {risk.tier ? <strong className="govuk-tag govuk-tag--grey">{`Tier ${risk.tier}`}</strong> : null}
        {risk.restricted ? <RestrictedTag /> : null}
      </p>
      {risk.restricted ? (
        <p className="govuk-body-s">This record is restricted: only the case owner or an NPS hub LAO administrator may grant access.</p>
      ) : null}
      {risk.flags.length === 0 ? (
        <p className="govuk-body-s">No active alert registrations.</p>
      ) : (
        <ul className="govuk-list">
          {risk.flags.map((flag) => (
            <li key={flag.code} className={FLAG_CLASS[flag.colour]}>
              <strong>{flag.description}</strong> <span className="govuk-body-s">({flag.code})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
