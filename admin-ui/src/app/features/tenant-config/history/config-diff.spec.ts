import { diffConfigs } from './config-diff';

describe('diffConfigs', () => {
  it('lists changed, added and removed leaves by path', () => {
    const before = { sla: { investigation: { major: 60, general: 1440 } }, holidays: ['2026-10-01'] };
    const after = { sla: { investigation: { major: 90 } }, holidays: ['2026-10-01', '2026-10-02'] };
    expect(diffConfigs(before, after)).toEqual([
      { path: 'holidays.1', kind: 'added', after: '"2026-10-02"' },
      { path: 'sla.investigation.general', kind: 'removed', before: '1440' },
      { path: 'sla.investigation.major', kind: 'changed', before: '60', after: '90' },
    ]);
  });

  it('finds nothing between equal configurations', () => {
    expect(diffConfigs({ a: [1, { b: true }] }, { a: [1, { b: true }] })).toEqual([]);
  });
});
