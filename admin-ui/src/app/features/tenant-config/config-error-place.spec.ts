import { placeOfError } from './config-error-place';

const t = (key: string, params?: Record<string, string | number>) => (params ? `${key}(${Object.values(params).join(',')})` : key);

describe('placeOfError', () => {
  it('names a weekly-hours period by its day and position instead of the raw path', () => {
    expect(placeOfError('businessCalendar.weeklyHours.mon.1', t)).toEqual({
      tab: 'calendar',
      label: 'config.tab.calendar › weekday.mon, config.error.period(2)',
    });
  });

  it('names an SLA cell by stage and severity', () => {
    expect(placeOfError('sla.investigation.major', t)).toEqual({ tab: 'sla', label: 'config.tab.sla › stage.investigation · major' });
  });

  it('counts list positions from one and sends unknown sections to the YAML tab', () => {
    expect(placeOfError('routingRules.2.priority', t)).toEqual({ tab: 'routing', label: 'config.tab.routing › #3 › priority' });
    expect(placeOfError('somethingNew', t).tab).toBe('yaml');
  });
});
