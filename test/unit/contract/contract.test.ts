import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, COMMON_ERRORS, CONTRACT, DEFAULT_POLICY, isChannelName, policySettings } from '../../../shared/contract';
import { ERROR_CODES } from '../../../shared/errors';

describe('the API contract', () => {
  it('names every channel area.verb and describes it', () => {
    for (const name of CHANNEL_NAMES) {
      expect(name).toMatch(/^(auth|people|requests|grants|records|emergency|caseload|notifications|admin|reports|setup|offline|dev)\.[a-z][A-Za-z]+$/);
      expect(CONTRACT[name].summary.length).toBeGreaterThan(10);
    }
  });

  it('lists only error codes that exist', () => {
    for (const name of CHANNEL_NAMES) {
      for (const code of [...(CONTRACT[name].errors ?? []), ...COMMON_ERRORS]) expect(Object.keys(ERROR_CODES)).toContain(code);
    }
  });

  it('refuses unknown fields on every input', () => {
    for (const name of CHANNEL_NAMES) {
      expect(CONTRACT[name].input.safeParse({ surprise: 1 }).success, name).toBe(false);
    }
  });

  it('keeps dev channels apart from everything else', () => {
    for (const name of CHANNEL_NAMES) expect(CONTRACT[name].access === 'dev').toBe(name.startsWith('dev.'));
  });

  it('knows its own channel names and nothing else', () => {
    expect(isChannelName('requests.create')).toBe(true);
    expect(isChannelName('toString')).toBe(false);
    expect(isChannelName('__proto__')).toBe(false);
  });

  it('accepts a programme batch request and fills in defaults', () => {
    const parsed = CONTRACT['requests.create'].input.parse({
      crns: ['X100001', 'X100002'],
      scope: 'ROSH_SUMMARY',
      purpose: 'PROGRAMME_DELIVERY',
      justification: '  Group starts Monday  ',
      urgency: 'ROUTINE',
      durationDays: 14,
    });
    expect(parsed.neededBy).toBeNull();
    expect(parsed.justification).toBe('Group starts Monday');
  });

  it('refuses a request without a justification, or naming a person twice', () => {
    const base = { crns: ['X100001'], scope: 'FRONT_SHEET', purpose: 'OTHER', urgency: 'ROUTINE', durationDays: 1 };
    expect(CONTRACT['requests.create'].input.safeParse({ ...base, justification: '   ' }).success).toBe(false);
    expect(CONTRACT['requests.create'].input.safeParse({ ...base, justification: 'x', crns: ['X100001', 'X100001'] }).success).toBe(false);
  });

  it('refuses bidirectional override and isolate characters in names and free text', () => {
    const base = { crns: ['X100001'], scope: 'FRONT_SHEET', purpose: 'OTHER', urgency: 'ROUTINE', durationDays: 1 };
    for (const ch of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
      const r = CONTRACT['requests.create'].input.safeParse({ ...base, justification: `Needed ${ch}today` });
      expect(r.success, `U+${ch.codePointAt(0)!.toString(16)}`).toBe(false);
      expect(r.error?.issues[0]?.message).toContain('bidirectional control character');
    }
    expect(CONTRACT['requests.deny'].input.safeParse({ requestId: 1, reasonCode: 'OTHER', reason: 'no \u202E' }).success).toBe(false);
    expect(CONTRACT['admin.createUser'].input.shape.displayName.safeParse('Ann \u2067Lee').success).toBe(false);
    expect(CONTRACT['requests.create'].input.safeParse({ ...base, justification: 'Needed today, in Arabic: عاجل' }).success).toBe(true);
  });

  it('has default policy settings that pass their own schema', () => {
    expect(policySettings.parse(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
    expect(policySettings.safeParse({ ...DEFAULT_POLICY, workingHours: { ...DEFAULT_POLICY.workingHours, timeZone: 'Mars/Olympus' } }).success).toBe(false);
  });
});
