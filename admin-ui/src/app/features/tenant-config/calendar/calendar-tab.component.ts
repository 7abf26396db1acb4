import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { Weekday } from '@complaints/tenant-config';
import { WEEKDAYS } from '@complaints/tenant-config/closed-sets';
import { withLunchBreak } from './lunch-break';
import { TenantConfigStore } from '../tenant-config.store';

const FALLBACK_ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'UTC'];

@Component({
  selector: 'app-calendar-tab',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './calendar-tab.component.html',
  styleUrl: '../config-tab.scss',
  styles: `
    .week td,
    .week th {
      vertical-align: middle;
    }
    .range {
      display: flex;
      gap: 8px;
      align-items: center;
      margin: 2px 0;
    }
    .range input {
      max-width: 130px;
    }
    .zone {
      max-width: 320px;
    }
    ul.dates {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    ul.dates li {
      display: flex;
      gap: 8px;
      align-items: center;
      padding: 2px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    ul.dates li code {
      flex: 1;
    }
  `,
})
export class CalendarTabComponent {
  protected readonly store = inject(TenantConfigStore);
  protected readonly calendar = computed(() => this.store.draft()!.businessCalendar);
  protected readonly weekdays = WEEKDAYS;
  protected readonly zones = supportedZones();

  protected setZone(zone: string): void {
    this.store.update((config) => (config.businessCalendar.timeZone = zone));
  }

  protected setOpen(day: Weekday, open: boolean): void {
    this.store.update((config) => {
      config.businessCalendar.weeklyHours[day] = open ? [{ start: '09:00', end: '18:00' }] : [];
    });
  }

  protected setInterval(day: Weekday, index: number, edge: 'start' | 'end', value: string): void {
    this.store.update((config) => {
      const intervals = config.businessCalendar.weeklyHours[day];
      intervals[index] = { ...intervals[index], [edge]: value };
    });
  }

  /** A second interval models the lunch break (see withLunchBreak). */
  protected addInterval(day: Weekday): void {
    this.store.update((config) => {
      config.businessCalendar.weeklyHours[day] = withLunchBreak(config.businessCalendar.weeklyHours[day]);
    });
  }

  protected removeInterval(day: Weekday, index: number): void {
    this.store.update((config) => config.businessCalendar.weeklyHours[day].splice(index, 1));
  }

  protected addDate(list: 'holidays' | 'workdays', date: string): boolean {
    if (!date || this.calendar()[list].includes(date)) return false;
    this.store.update((config) => {
      config.businessCalendar[list] = [...config.businessCalendar[list], date].sort();
    });
    return true;
  }

  protected removeDate(list: 'holidays' | 'workdays', date: string): void {
    this.store.update((config) => {
      config.businessCalendar[list] = config.businessCalendar[list].filter((d) => d !== date);
    });
  }
}

function supportedZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? FALLBACK_ZONES;
  } catch {
    return FALLBACK_ZONES;
  }
}
