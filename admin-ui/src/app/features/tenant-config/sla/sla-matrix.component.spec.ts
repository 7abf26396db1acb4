import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18nService } from '../../../core/i18n/i18n.service';
import type { Severity, Stage } from '@complaints/tenant-config';
import { formatMinutes, parseMinutes } from './business-duration';
import { type SlaCellChange, SlaMatrixComponent } from './sla-matrix.component';

const severities: Severity[] = [
  { code: 'general', name: { 'zh-CN': '一般', en: 'General' }, firstResponseMinutes: 1440, resolutionMinutes: 7200, pagesSupervisor: false },
  { code: 'major', name: { 'zh-CN': '重大', en: 'Major' }, firstResponseMinutes: 60, resolutionMinutes: 480, pagesSupervisor: true },
];
const stages: Stage[] = [
  { code: 'intake', name: { 'zh-CN': '受理', en: 'Intake' }, optional: false, enabled: true },
  { code: 'investigation', name: { 'zh-CN': '调查', en: 'Investigation' }, optional: false, enabled: true },
];

@Component({
  imports: [SlaMatrixComponent],
  template: `<app-sla-matrix [stages]="stages" [severities]="severities" [sla]="sla()" [errors]="errors()" (minutesChange)="changes.push($event)" />`,
})
class HostComponent {
  stages = stages;
  severities = severities;
  sla = signal<Record<string, Record<string, number>>>({
    intake: { general: 10, major: 10 },
    investigation: { general: 1440, major: 90 },
  });
  errors = signal<Record<string, string>>({});
  changes: SlaCellChange[] = [];
}

describe('SlaMatrixComponent', () => {
  async function render() {
    TestBed.inject(I18nService).setLocale('en');
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const cell = (path: string) => element.querySelector<HTMLInputElement>(`input[data-path="${path}"]`)!;
    return { fixture, element, cell, host: fixture.componentInstance };
  }

  it('shows stages as rows and severities as columns with durations as hours and minutes', async () => {
    const { element, cell } = await render();
    const headers = [...element.querySelectorAll('thead th')].map((th) => th.textContent?.trim());
    expect(headers).toEqual(['Stage', 'General', 'Major']);
    const rows = [...element.querySelectorAll('tbody th')].map((th) => th.textContent?.trim());
    expect(rows).toEqual(['Intake', 'Investigation']);
    expect(cell('sla.investigation.general').value).toBe('24h');
    expect(cell('sla.investigation.major').value).toBe('1h 30m');
    expect(cell('sla.intake.major').value).toBe('10m');
    expect(cell('sla.investigation.major').getAttribute('aria-label')).toBe('SLA for Investigation, Major');
  });

  it('emits the typed duration in business minutes', async () => {
    const { cell, host } = await render();
    const input = cell('sla.investigation.major');
    input.value = '2h 15m';
    input.dispatchEvent(new Event('change'));
    expect(host.changes).toEqual([{ stage: 'investigation', severity: 'major', minutes: 135 }]);
  });

  it('flags text that is not a duration next to the cell and emits nothing', async () => {
    const { fixture, cell, host } = await render();
    const input = cell('sla.intake.general');
    input.value = 'soon';
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(host.changes).toEqual([]);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById('sla.intake.general-error');
    expect(message?.textContent).toContain('Enter a duration such as 4h 30m');
  });

  it('shows the API validation message under the cell its path names', async () => {
    const { fixture, cell, host } = await render();
    host.errors.set({ 'sla.investigation.major': 'Must be shorter than the resolution time of major (8h)' });
    await fixture.whenStable();
    const input = cell('sla.investigation.major');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = input.getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy)?.textContent).toContain('Must be shorter than');
    expect(cell('sla.investigation.general').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('business durations', () => {
  it.each([
    ['4h 30m', 270],
    ['4h30', 270],
    ['1.5h', 90],
    ['90m', 90],
    ['90', 90],
    ['2小时', 120],
    ['1小时30分钟', 90],
  ])('reads %s as %i minutes', (text, minutes) => expect(parseMinutes(text)).toBe(minutes));

  it.each(['', 'soon', 'h', '4x'])('rejects %p', (text) => expect(parseMinutes(text)).toBeNull());

  it('formats minutes compactly', () => {
    expect([formatMinutes(45), formatMinutes(60), formatMinutes(1500), formatMinutes(undefined)]).toEqual(['45m', '1h', '25h', '']);
  });
});
