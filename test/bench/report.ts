import { cpus } from 'node:os';
import type { DeepPage } from './scenarios';
import type { LatencySummary, ThroughputResult } from './latency';

export interface Figures {
  /** Seeded complaints (the 1M); totalRows adds what submit runs filed. */
  rows: number;
  totalRows: number;
  list: LatencySummary;
  deep: DeepPage;
  byNumber: LatencySummary;
  submit: ThroughputResult;
  /** 1-minute load average when measuring started and ended: other work on the machine skews p99. */
  load: [number, number];
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const verdict = (value: number, target: number) => (value < target ? 'ok' : 'MISSED');

export function printReport(f: Figures): void {
  const rows: [string, string, string, string, string][] = [
    ['measure', 'p50', 'p99', 'samples', 'target (p99)'],
    ['complaints, first page, 2 filters + sort', ms(f.list.p50), ms(f.list.p99), String(f.list.samples), `< 30 ms ${verdict(f.list.p99, 30)}`],
    [
      'complaints, page 1,000 by keyset cursor',
      ms(f.deep.latency.p50),
      ms(f.deep.latency.p99),
      String(f.deep.latency.samples),
      `< 30 ms ${verdict(f.deep.latency.p99, 30)}`,
    ],
    ['complaintByNumber', ms(f.byNumber.p50), ms(f.byNumber.p99), String(f.byNumber.samples), `< 10 ms ${verdict(f.byNumber.p99, 10)}`],
    ['submitComplaint (32 clients), latency', ms(f.submit.latency.p50), ms(f.submit.latency.p99), String(f.submit.completed), '-'],
  ];
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  const line = (r: string[]) => r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ');
  console.log('');
  console.log(
    `Complaints API benchmark: ${f.rows.toLocaleString('en')} seeded complaints (${f.totalRows.toLocaleString('en')} in all), 3 tenants, loopback HTTP`,
  );
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
  console.log('');
  console.log(
    `submitComplaint: ${f.submit.perSecond.toFixed(1)} complaints/s over ${f.submit.seconds.toFixed(1)} s, ${f.submit.completed} filed, ${f.submit.failed} failed` +
      (f.submit.firstError ? ` (first error: ${f.submit.firstError})` : ''),
  );
  console.log(`load average (1 min, ${cpus().length} cores): ${f.load[0].toFixed(2)} at start, ${f.load[1].toFixed(2)} at end`);
  console.log(`page 1,000 reached by walking 999 pages in ${f.deep.walkSeconds.toFixed(1)} s; its first row matches SQL OFFSET`);
  console.log('');
}
