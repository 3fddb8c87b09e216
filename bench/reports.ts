/**
 * The monthly report (月度调度报告) for a whole city: 300 projects in 12 service groups, each with a
 * submitted visit in the month and one site photo (a textured 2000×1500 JPEG imported through the
 * real photo channel, so its report copy and thumbnail are phone-photo sized), and ~900 problems.
 * Built once through the real channels under bench/.cache/reports-city, then each export runs in
 * a fresh process so its peak RSS is its own.
 *
 *   npx tsx bench/reports.ts            → JSON lines:
 *   {"name":"report_monthly_city_docx","value":<s>,"unit":"s","target":20}
 *   {"name":"report_monthly_city_docx_peak_rss","value":<MB>,"unit":"MB"}
 *   … and the same for pdf (target 30 s).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createBackend, type Backend } from '../electron/backend/backend';
import { saveGroup } from '../electron/backend/db/directory';
import { actorOf, ensureLocalUser } from '../electron/backend/db/identity';
import type { ExportDone } from '../shared/channels/exports';
import { DISTRICTS, type ProjectInput } from '../shared/domain/project';

const HERE = dirname(fileURLToPath(import.meta.url));
const DIR = join(HERE, '.cache', 'reports-city');
const TODAY = '2020-11-27';
const NOW = Date.parse(`${TODAY}T12:00:00+08:00`);
const MONTH = '2020-11';
const PROJECTS = 300;
const GROUPS = 12;
const TARGET_S = { docx: 20, pdf: 30 } as const;
const log = (m: string): void => void process.stderr.write(`bench reports: ${m}\n`);

async function call<T>(backend: Backend, channel: string, input: unknown): Promise<T> {
  const res = await backend.invoke(channel, input);
  if (!res.ok) throw new Error(`${channel}: ${res.error.message}`);
  return res.value as T;
}

/** One noise layer for all photos: the shapes under it make each photo's bytes its own. */
let noise: Buffer | undefined;

/** A site photo with noise over shapes, so JPEG sizes are a real photo's, not a flat image's. */
async function sitePhoto(i: number): Promise<Buffer> {
  const w = 2000;
  const h = 1500;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<rect width="${w}" height="${h * 0.55}" fill="#8fb3e3"/><rect y="${h * 0.55}" width="${w}" height="${h * 0.45}" fill="#7d6a50"/>
<rect x="${300 + (i % 7) * 120}" y="420" width="900" height="700" fill="#b9b4a8"/>
<rect x="${1500 - (i % 5) * 60}" y="200" width="24" height="900" fill="#e0a800"/></svg>`;
  noise ??= await sharp({
    create: { width: w, height: h, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 0, sigma: 22 } },
  })
    .png()
    .toBuffer();
  return sharp(Buffer.from(svg))
    .composite([{ input: noise, blend: 'add' }])
    .jpeg({ quality: 88 })
    .toBuffer();
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

async function build(): Promise<void> {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const backend = createBackend({
    encryption: 'none',
    dataDir: DIR,
    shell: 'browser',
    now: () => NOW,
    sync: { auto: false },
  });
  const t0 = performance.now();
  try {
    const actor = actorOf(ensureLocalUser(backend.db, NOW));
    const groups = Array.from({ length: GROUPS }, (_, g) =>
      saveGroup(backend.db, actor, NOW, {
        name: `第${g + 1}服务组`,
        leader: `组长${g + 1}`,
        chiefOfficer: `首席${g + 1}`,
        chiefOfficerPhone: '0451-80000000',
        members: [],
      }),
    );
    for (let i = 0; i < PROJECTS; i++) {
      const district = DISTRICTS[i % DISTRICTS.length]!;
      const total = (50_000 + ((i * 7919) % 950_000)) * 10_000;
      const project: ProjectInput = {
        code: `2020-BENCH-${pad(i + 1, 4)}`,
        name: `${district.replace(/[区县市]$/, '')}重点产业项目${pad(i + 1, 3)}号智能制造产业园`,
        level: i % 3 === 0 ? 'provincial_top100' : 'city_key_industrial',
        district,
        industry: ['装备制造', '食品加工', '生物医药', '新材料'][i % 4]!,
        ownerCompany: `哈尔滨${pad(i + 1, 3)}产业投资有限公司`,
        responsibleUnit: `${district}人民政府`,
        leaderInCharge: `领导${i % 40}`,
        chiefOfficer: `服务员${i % 60}`,
        chiefOfficerPhone: '0451-86000000',
        groupId: groups[i % GROUPS]!.id,
        totalInvestment: total,
        annualPlannedInvestment: Math.round(total / 4),
        stage: i % 4 === 0 ? 'new_start' : 'continuing',
        isNew: i % 4 === 0,
        plannedStart: '2020-04-15',
        actualStart: '2020-04-20',
        plannedCompletion: '2022-10-31',
        actualCompletion: null,
        plannedProduction: i % 10 === 0 ? '2020-10-31' : '2022-12-31',
        actualProduction: null,
        location: `${district}产业园区`,
        position: null,
      };
      const p = await call<{ id: string }>(backend, 'projects.create', project);
      const completed = Math.round(total / 4 / 100) * (40 + (i % 60));
      const visit = await call<{ id: string }>(backend, 'visits.saveDraft', {
        projectId: p.id,
        groupId: groups[i % GROUPS]!.id,
        date: `${MONTH}-${pad(1 + (i % 20))}`,
        kind: 'monthly',
        participants: [`组长${(i % GROUPS) + 1}`, `首席${(i % GROUPS) + 1}`],
        findings: '项目主体结构施工中，现场人员和机械到位，冬季施工方案已报备。',
        isCorrection: false,
        location: project.location,
        position: null,
        figures: {
          completedInvestmentThisYear: completed,
          fundsInPlace: Math.round(completed * 1.1),
          cumulativeInvestment: completed,
          stage: project.stage,
          workersOnSite: 50 + (i % 200),
          visibleProgress: `主体结构施工，累计完成总工程量约${30 + (i % 60)}%`,
        },
      });
      await call(backend, 'visits.submit', { id: visit.id });
      await call(backend, 'photos.import', {
        projectId: p.id,
        visitId: visit.id,
        kind: 'progress',
        caption: `项目${i + 1} 主体施工作业面`,
        name: `IMG_${pad(i + 1, 4)}.jpg`,
        lastModified: NOW,
        bytes: await sitePhoto(i),
      });
      for (let k = 0; k < 3; k++) {
        await call(backend, 'problems.create', {
          projectId: p.id,
          visitId: visit.id,
          category: (['land', 'approval', 'funding', 'utilities'] as const)[(i + k) % 4],
          description: `第${k + 1}项问题：${['施工用电容量不足，需供电公司扩容', '规划许可办理滞后', '配套资金未到位', '施工用水管线未接通'][(i + k) % 4]}。`,
          leadUnit: ['市发改委', '市住建局', '市自然资源局'][k],
          deadline: k === 0 ? `${MONTH}-${pad(4 + (i % 20))}` : `2020-12-${pad(5 + k * 8)}`,
          handlingLevel: k === 2 ? 'city_department' : 'district',
          raisedOn: `${MONTH}-${pad(1 + (i % 20))}`,
        });
      }
      if ((i + 1) % 50 === 0)
        log(`built ${i + 1}/${PROJECTS} projects (${Math.round((performance.now() - t0) / 1000)} s)`);
    }
  } finally {
    await backend.shutdown();
  }
  writeFileSync(join(DIR, '.complete'), TODAY);
}

/** One export in this process: prints its time, peak RSS and size. */
async function runOne(format: 'docx' | 'pdf'): Promise<void> {
  const backend = createBackend({
    encryption: 'none',
    dataDir: DIR,
    shell: 'browser',
    now: () => NOW,
    sync: { auto: false },
  });
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const done = await call<ExportDone>(backend, 'exports.run', {
    jobId: `bench-${format}-${process.pid}`,
    request: { kind: 'monthlyReport', scope: { kind: 'all' }, month: MONTH, format },
  });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  await backend.shutdown();
  const maxRss = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  process.stdout.write(
    `${JSON.stringify({ format, seconds, peakMb: maxRss / 1e6, baselineMb: baseline / 1e6, bytes: done.bytes, photos: done.photos, rows: done.rows, file: done.filePath })}\n`,
  );
}

async function main(): Promise<void> {
  const only = process.argv[2] === '--run' ? (process.argv[3] as 'docx' | 'pdf') : null;
  if (only) return runOne(only);
  if (!existsSync(join(DIR, '.complete'))) {
    log(`building the city (${PROJECTS} projects, a month of visits, a photo each) in ${DIR} …`);
    const t = performance.now();
    await build();
    log(`built in ${Math.round((performance.now() - t) / 1000)} s`);
  } else {
    log(`reusing ${DIR}`);
  }
  for (const format of ['docx', 'pdf'] as const) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--run', format], {
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1024 * 1024,
    }).toString('utf8');
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
      seconds: number;
      peakMb: number;
      baselineMb: number;
      bytes: number;
      photos: number;
      rows: number;
      file: string;
    };
    if (r.photos !== PROJECTS || r.rows !== PROJECTS)
      throw new Error(`expected ${PROJECTS} projects and photos: ${out}`);
    const line = (name: string, value: number, unit: string, target?: number): void =>
      void process.stdout.write(
        `${JSON.stringify({ name, value: Math.round(value * 100) / 100, unit, ...(target ? { target } : {}) })}\n`,
      );
    line(`report_monthly_city_${format}`, r.seconds, 's', TARGET_S[format]);
    line(`report_monthly_city_${format}_peak_rss`, r.peakMb, 'MB');
    line(`report_monthly_city_${format}_size`, statSync(r.file).size / 1e6, 'MB');
    log(
      `${format}: ${r.seconds.toFixed(1)} s, peak RSS ${Math.round(r.peakMb)} MB (process at start ${Math.round(r.baselineMb)} MB), ${(r.bytes / 1e6).toFixed(1)} MB, ${r.photos} photos`,
    );
    if (r.seconds > TARGET_S[format]) process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
