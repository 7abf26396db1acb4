import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export interface ChartPoint {
  label: string;
  value: number | null;
}

const W = 600;
const H = 200;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };

/**
 * A small dependency-free SVG chart: bars for counts, a line for rates and averages. The numbers are
 * also in a visually hidden table, so the chart is not an image-only fact.
 */
@Component({
  selector: 'app-trend-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure>
      <svg [attr.viewBox]="'0 0 ' + width + ' ' + height" role="img" [attr.aria-label]="label()">
        @for (tick of hasData() ? ticks() : []; track tick.y) {
          <line class="grid" [attr.x1]="pad.left" [attr.x2]="width - pad.right" [attr.y1]="tick.y" [attr.y2]="tick.y" />
          <text class="axis" [attr.x]="pad.left - 6" [attr.y]="tick.y + 4" text-anchor="end">{{ tick.text }}</text>
        }
        @if (kind() === 'bar') {
          @for (bar of bars(); track $index) {
            <rect class="bar" [attr.x]="bar.x" [attr.y]="bar.y" [attr.width]="bar.w" [attr.height]="bar.h">
              <title>{{ bar.title }}</title>
            </rect>
          }
        } @else {
          <polyline class="line" [attr.points]="linePoints()" />
          @for (dot of dots(); track $index) {
            <circle class="dot" [attr.cx]="dot.x" [attr.cy]="dot.y" r="3">
              <title>{{ dot.title }}</title>
            </circle>
          }
        }
        @for (tick of xTicks(); track $index) {
          <text class="axis" [attr.x]="tick.x" [attr.y]="height - 8" text-anchor="middle">{{ tick.text }}</text>
        }
      </svg>
      @if (!hasData()) {
        <figcaption class="empty">{{ emptyText() }}</figcaption>
      }
      <table class="visually-hidden">
        <caption>
          {{
            label()
          }}
        </caption>
        @for (p of points(); track $index) {
          <tr>
            <th scope="row">{{ p.label }}</th>
            <td>{{ p.value === null ? '—' : format()(p.value) }}</td>
          </tr>
        }
      </table>
    </figure>
  `,
  styles: `
    :host {
      display: block;
    }
    figure {
      margin: 0;
      position: relative;
    }
    svg {
      width: 100%;
      height: auto;
      max-height: 260px;
      display: block;
    }
    .grid {
      stroke: var(--mat-sys-outline-variant);
      stroke-width: 1;
    }
    .axis {
      font-size: 11px;
      fill: var(--mat-sys-on-surface-variant);
    }
    .bar {
      fill: var(--mat-sys-primary);
      opacity: 0.85;
    }
    .line {
      fill: none;
      stroke: var(--mat-sys-tertiary);
      stroke-width: 2.5;
    }
    .dot {
      fill: var(--mat-sys-tertiary);
    }
    .empty {
      position: absolute;
      inset: 0;
      display: flex;
      align-items: center;
      justify-content: center;
      color: var(--mat-sys-on-surface-variant);
    }
    .visually-hidden {
      position: absolute !important;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
  `,
})
export class TrendChartComponent {
  readonly points = input.required<ChartPoint[]>();
  readonly kind = input<'bar' | 'line'>('bar');
  readonly label = input('');
  readonly emptyText = input('');
  /** Fixed top of the scale, e.g. 1 for rates or 5 for ratings; otherwise from the data. */
  readonly max = input<number | null>(null);
  readonly format = input<(value: number) => string>((v) => String(Math.round(v * 10) / 10));

  protected readonly width = W;
  protected readonly height = H;
  protected readonly pad = PAD;

  protected readonly hasData = computed(() => this.points().some((p) => p.value !== null && p.value !== 0));
  private readonly top = computed(() => {
    const fixed = this.max();
    if (fixed !== null) return fixed;
    const highest = Math.max(0, ...this.points().map((p) => p.value ?? 0));
    if (highest <= 0) return 1;
    const magnitude = 10 ** Math.floor(Math.log10(highest));
    return Math.ceil(highest / magnitude) * magnitude;
  });
  private readonly step = computed(() => (W - PAD.left - PAD.right) / Math.max(1, this.points().length));
  private y(value: number): number {
    return PAD.top + (H - PAD.top - PAD.bottom) * (1 - value / this.top());
  }

  protected readonly ticks = computed(() => [0, 0.5, 1].map((f) => ({ y: this.y(this.top() * f), text: this.format()(this.top() * f) })));

  protected readonly bars = computed(() =>
    this.points().map((p, i) => {
      const value = p.value ?? 0;
      const w = Math.max(2, this.step() * 0.7);
      const y = this.y(value);
      return { x: PAD.left + i * this.step() + (this.step() - w) / 2, y, w, h: H - PAD.bottom - y, title: `${p.label}: ${this.format()(value)}` };
    }),
  );

  protected readonly dots = computed(() =>
    this.points().flatMap((p, i) =>
      p.value === null ? [] : [{ x: PAD.left + i * this.step() + this.step() / 2, y: this.y(p.value), title: `${p.label}: ${this.format()(p.value)}` }],
    ),
  );
  protected readonly linePoints = computed(() =>
    this.dots()
      .map((d) => `${d.x},${d.y}`)
      .join(' '),
  );

  /** At most about eight period labels, evenly spread. */
  protected readonly xTicks = computed(() => {
    const points = this.points();
    const every = Math.max(1, Math.ceil(points.length / 8));
    return points.flatMap((p, i) => (i % every === 0 ? [{ x: PAD.left + i * this.step() + this.step() / 2, text: p.label.slice(5) }] : []));
  });
}
