import { withLunchBreak } from './lunch-break';

describe('withLunchBreak', () => {
  it('splits a day spanning lunch around 12:00–13:00 instead of adding an overlapping interval', () => {
    expect(withLunchBreak([{ start: '09:00', end: '22:00' }])).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '22:00' },
    ]);
  });

  it('adds a second interval an hour after a morning-only day ends', () => {
    expect(withLunchBreak([{ start: '08:00', end: '11:30' }])).toEqual([
      { start: '08:00', end: '11:30' },
      { start: '12:30', end: '16:30' },
    ]);
  });

  it('leaves a day ending late untouched rather than crossing midnight', () => {
    expect(withLunchBreak([{ start: '14:00', end: '22:30' }])).toEqual([{ start: '14:00', end: '22:30' }]);
  });
});
