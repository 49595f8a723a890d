import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEventText } from '../../../electron/core/audit/audit-log';
import { canonicalJson } from '../../../electron/core/audit/canonical-json';

describe('the canonical text of an audit event', () => {
  it('is exactly canonicalJson of the event, for any text (quotes, controls, any Unicode) and any times', () => {
    const text = fc.string({ unit: 'binary' });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), text, text, fc.option(text), fc.option(text), text, (seq, at, actor, action, subject, crn, details) => {
        expect(canonicalEventText(seq, at, actor, action, subject, crn, details)).toBe(canonicalJson({ seq, at, actor, action, subject, crn, details }));
      }),
      { numRuns: 2000 },
    );
  });
});
