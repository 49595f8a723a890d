import { describe, expect, it } from 'vitest';
import { normaliseTime, partsFromValue, valueFromParts } from './date-parts';
import { fromLondonInputValue } from './time';

describe('the day, month, year and time boxes', () => {
  it('show a London date and time as the person would write it', () => {
    expect(partsFromValue('2026-03-04T09:30', true)).toEqual({ day: '4', month: '3', year: '2026', time: '09:30' });
    expect(partsFromValue('2026-03-04', false)).toEqual({ day: '4', month: '3', year: '2026' });
    expect(partsFromValue('', true)).toEqual({ day: '', month: '', year: '', time: '' });
  });

  it('give back the value the screens parse, with or without leading zeros', () => {
    expect(valueFromParts({ day: '4', month: '3', year: '2026', time: '9:30' })).toBe('2026-03-04T09:30');
    expect(valueFromParts({ day: '04', month: '03', year: '2026', time: '0930' })).toBe('2026-03-04T09:30');
    expect(valueFromParts({ day: '4', month: '3', year: '2026' })).toBe('2026-03-04');
    expect(fromLondonInputValue(valueFromParts({ day: '4', month: '3', year: '2026', time: '09:30' }))).toBe(Date.UTC(2026, 2, 4, 9, 30));
  });

  it('leave the value empty when every box is empty, so an optional date stays optional', () => {
    expect(valueFromParts({ day: '', month: '', year: '', time: '' })).toBe('');
  });

  it('give a value that does not parse when a box is missing or wrong, so the screen reports it', () => {
    for (const parts of [
      { day: '4', month: '', year: '2026', time: '09:30' },
      { day: '4', month: '3', year: '26', time: '09:30' },
      { day: '4', month: '3', year: '2026', time: '' },
      { day: '4', month: '3', year: '2026', time: '25:00' },
      { day: '31', month: '2', year: '2026', time: '09:00' },
    ]) {
      expect(fromLondonInputValue(valueFromParts(parts)), JSON.stringify(parts)).toBeNull();
    }
  });

  it('read the time on a 24-hour clock', () => {
    expect(normaliseTime('17:05')).toBe('17:05');
    expect(normaliseTime('9.15')).toBe('09:15');
    expect(normaliseTime('24:00')).toBeNull();
    expect(normaliseTime('5pm')).toBeNull();
  });
});
