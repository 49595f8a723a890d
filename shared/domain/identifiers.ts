/** Validation of nDelius identifiers (DOMAIN.md). Pure: used by import, contract and UI. */

export const CRN_PATTERN = /^[A-Z]\d{6}$/;
export const NOMS_PATTERN = /^[A-Z]\d{4}[A-Z]{2}$/;
export const CRO_PATTERN = /^\d{6}\/\d{2}[A-Z]$/;
export const STAFF_CODE_PATTERN = /^[A-Z0-9]{7}$/;
export const TEAM_CODE_PATTERN = /^[A-Z0-9]{6}$/;
export const PNC_PATTERN = /^(\d{4})\/(\d{7})([A-Z])$/;

const PNC_CHECK_LETTERS = 'ZABCDEFGHJKLMNPQRTUVWXY';

/** Check letter for a PNC: two-digit year followed by the 7-digit serial, mod 23. */
export function pncCheckLetter(year: string, serial: string): string {
  const yy = year.slice(-2);
  const n = Number(`${yy}${serial.padStart(7, '0')}`);
  return PNC_CHECK_LETTERS[n % 23]!;
}

export function isValidPnc(pnc: string): boolean {
  const m = PNC_PATTERN.exec(pnc);
  if (!m) return false;
  return pncCheckLetter(m[1]!, m[2]!) === m[3];
}

export const isValidCrn = (crn: string): boolean => CRN_PATTERN.test(crn);

/** A PNC as stored ("2012/0123456A") from what was typed: the slash and leading zeros of the serial optional. */
export function pncFromTyped(typed: string): string | null {
  const match = /^(\d{4})\/?(\d{1,7})([A-Z])$/.exec(typed.replace(/\s+/g, '').toUpperCase());
  return match ? `${match[1]}/${match[2]!.padStart(7, '0')}${match[3]}` : null;
}
