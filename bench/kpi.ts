/**
 * The dashboard's figures at province scale (~3,000 projects, 40k visits, 150k problems):
 *
 *   npx tsx bench/kpi.ts [--runs 200]
 *
 * on bench/.cache/province-<seed>.db (built by bench/province-db.ts). Prints JSON lines like
 * bench/run.ts, e.g. {"name":"kpi_dashboard_p95","value":88.1,"unit":"ms","target":150}, and
 * exits non-zero when a targeted p95 misses. `kpi_dashboard` is the dashboard's figures (the four
 * rates and the rest, by district and by group, targets, overdue problems); `kpi_trend` the
 * month-by-month trend the page asks for beside them, read afresh each time (the per-connection
 * cache of kpi-gather.ts dropped), `kpi_trend_warm` with that cache, as when a user switches the
 * slice. Closing a month and reading a closed month run inside a transaction that is rolled back,
 * so the cached database is unchanged.
 */
import { parseArgs } from 'node:util';
import { forgetYearInputs } from '../electron/backend/db/kpi-gather';
import { closeMonth, kpiFigures } from '../electron/backend/db/kpi';
import { kpiDashboard, kpiTrend } from '../electron/backend/db/kpi-dashboard';
import { openDatabase } from '../electron/backend/db/open';
import type { KpiSlice } from '../shared/kpi/types';
import { provinceDb } from './province-db';

const TARGET_MS = 150;

interface Line {
  name: string;
  value: number;
  unit: string;
  target?: number;
}
const lines: Line[] = [];
const emit = (line: Line) => {
  lines.push(line);
  process.stdout.write(`${JSON.stringify(line)}\n`);
};
const log = (m: string) => process.stderr.write(`bench/kpi: ${m}\n`);
const round = (v: number) => Math.round(v * 100) / 100;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function measure(name: string, runs: number, run: (i: number) => unknown, target?: number): void {
  for (let i = 0; i < 3; i++) run(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  emit({ name: `${name}_p50`, value: round(quantile(times, 0.5)), unit: 'ms' });
  const p95 = round(quantile(times, 0.95));
  emit(
    target === undefined
      ? { name: `${name}_p95`, value: p95, unit: 'ms' }
      : { name: `${name}_p95`, value: p95, unit: 'ms', target },
  );
  emit({ name: `${name}_max`, value: round(times[times.length - 1]!), unit: 'ms' });
}

function prevMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' } } });
  const runs = Math.max(50, Number(values.runs));
  const bench = await provinceDb(log);
  const db = openDatabase(bench.file, { encryption: 'none' });
  try {
    const now = Date.parse(`${bench.today}T12:00:00+08:00`);
    const month = bench.today.slice(0, 7);
    const districts = (
      db.prepare('SELECT DISTINCT district FROM projects WHERE deleted = 0').all() as { district: string }[]
    ).map((r) => r.district);
    // The slices a coordinator clicks through: all, a level, a district.
    const slices: KpiSlice[] = [
      {},
      { levels: ['provincial_top100'] },
      ...districts.slice(0, 8).map((d) => ({ districts: [d] })),
    ];
    const slice = (i: number) => slices[i % slices.length]!;

    measure('kpi_dashboard', runs, (i) => kpiDashboard(db, { month, slice: slice(i) }, now, true), TARGET_MS);
    // The trend is asked for beside the figures: it reads every visit of the year (then kept).
    measure('kpi_trend', runs, (i) => {
      forgetYearInputs(db);
      return kpiTrend(db, { month, slice: slice(i) }, now);
    });
    measure('kpi_trend_warm', runs, (i) => kpiTrend(db, { month, slice: slice(i) }, now));
    measure('kpi_figures_year_to_date', Math.min(runs, 100), (i) =>
      kpiFigures(
        db,
        { period: { from: `${month.slice(0, 4)}-01`, to: month }, slice: slice(i), by: ['district'] },
        now,
      ),
    );

    // Closing last month and the dashboard of a closed month, rolled back afterwards.
    const last = prevMonth(month);
    const actor = { userId: 'bench', userName: '基准测试', deviceId: 'bench' };
    db.exec('BEGIN');
    try {
      const t0 = performance.now();
      const info = closeMonth(db, actor, now, { month: last, note: '' });
      emit({ name: 'kpi_close_month', value: round(performance.now() - t0), unit: 'ms' });
      const parts = db
        .prepare('SELECT count(*) AS n, sum(length(data)) AS c FROM month_closing_parts WHERE deleted = 0')
        .get() as {
        n: number;
        c: number;
      };
      log(`closed ${last}: ${info.projects} projects, snapshot ${parts.c} chars in ${parts.n} parts`);
      emit({ name: 'kpi_snapshot_chars', value: parts.c, unit: 'chars' });
      measure('kpi_dashboard_closed', Math.min(runs, 100), (i) =>
        kpiDashboard(db, { month: last, slice: slice(i) }, now, true),
      );
    } finally {
      db.exec('ROLLBACK');
    }
  } finally {
    db.close();
  }
  const missed = lines.filter((l) => l.target !== undefined && l.value > l.target);
  for (const l of missed) log(`${l.name} = ${l.value} ${l.unit} misses its target ${l.target}`);
  if (missed.length) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench/kpi: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
