import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { LocalizedPipe, TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { Severity, Stage } from '@complaints/tenant-config';
import { formatMinutes, parseMinutes } from './business-duration';

/** Mildest first, as tenants list severities from general to major. */
const SEVERITY_COLORS = ['#2e7d32', '#f9a825', '#ef6c00', '#c62828', '#6a1b9a'];

export interface SlaCellChange {
  stage: string;
  severity: string;
  minutes: number;
}

/**
 * Stages × severities, each cell the business time allowed for that stage. Shows the API's
 * validation message (path `sla.<stage>.<severity>`) under the cell it belongs to.
 */
@Component({
  selector: 'app-sla-matrix',
  imports: [TranslatePipe, LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="matrix-scroll">
      <table class="sla-matrix">
        <caption class="visually-hidden">
          {{
            'sla.caption' | t
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ 'sla.stage' | t }}</th>
            @for (severity of severities(); track severity.code; let i = $index) {
              <th scope="col">
                <span class="severity-dot" [style.background]="dotColor(i)" aria-hidden="true"></span>
                {{ severity.name | localized }}
              </th>
            }
          </tr>
        </thead>
        <tbody>
          @for (stage of stages(); track stage.code) {
            <tr>
              <th scope="row">{{ stage.name | localized }}</th>
              @for (severity of severities(); track severity.code) {
                @let path = 'sla.' + stage.code + '.' + severity.code;
                @let message = invalid()[path] ? ('sla.invalidDuration' | t) : errors()[path];
                <td [class.has-error]="!!message">
                  <input
                    class="cell-input"
                    type="text"
                    inputmode="text"
                    [attr.data-path]="path"
                    [value]="display(stage.code, severity.code)"
                    [attr.aria-label]="'sla.cellLabel' | t: { stage: (stage.name | localized), severity: (severity.name | localized) }"
                    [attr.aria-invalid]="message ? 'true' : null"
                    [attr.aria-describedby]="message ? path + '-error' : null"
                    (change)="commit(stage.code, severity.code, $any($event.target).value)"
                  />
                  @if (message) {
                    <div class="cell-error" [id]="path + '-error'" role="alert">{{ message }}</div>
                  }
                </td>
              }
            </tr>
          } @empty {
            <tr>
              <td [attr.colspan]="severities().length + 1" class="empty">{{ 'sla.noStages' | t }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
    <p class="hint">{{ 'sla.hint' | t }}</p>
  `,
  styleUrl: './sla-matrix.component.scss',
})
export class SlaMatrixComponent {
  readonly stages = input.required<readonly Stage[]>();
  readonly severities = input.required<readonly Severity[]>();
  readonly sla = input.required<Partial<Record<string, Record<string, number>>>>();
  /** API validation messages keyed by dotted path. */
  readonly errors = input<Record<string, string>>({});
  readonly minutesChange = output<SlaCellChange>();

  /** Cells whose text could not be read as a duration; they keep the text until corrected. */
  protected readonly invalid = signal<Record<string, true>>({});

  protected dotColor(index: number): string {
    return SEVERITY_COLORS[index % SEVERITY_COLORS.length];
  }

  protected display(stage: string, severity: string): string {
    return formatMinutes(this.sla()[stage]?.[severity]);
  }

  protected commit(stage: string, severity: string, text: string): void {
    const path = `sla.${stage}.${severity}`;
    const minutes = parseMinutes(text);
    const others = { ...this.invalid() };
    delete others[path];
    if (minutes === null || minutes <= 0) {
      this.invalid.set({ ...others, [path]: true });
      return;
    }
    this.invalid.set(others);
    this.minutesChange.emit({ stage, severity, minutes });
  }
}
