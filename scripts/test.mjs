// `npm test`: every suite in order, each with a time budget, stopping at the first failure.
import { spawnSync } from 'node:child_process';

const steps = [
  { name: 'typecheck', cmd: 'npm run -s typecheck', budgetMin: 6 },
  { name: 'lint', cmd: 'npm run -s lint', budgetMin: 5 },
  { name: 'format', cmd: 'npx prettier --check . --log-level warn', budgetMin: 2 },
  { name: 'unit', cmd: 'npx vitest run --project unit', budgetMin: 5 },
  { name: 'integration', cmd: 'npx vitest run --project integration', budgetMin: 16 },
  { name: 'build', cmd: 'npx electron-vite build', budgetMin: 5 },
  { name: 'e2e', cmd: 'npx vitest run --project e2e', budgetMin: 10 },
];

const only = process.argv.slice(2);
const summary = [];
for (const step of steps) {
  if (only.length > 0 && !only.includes(step.name)) continue;
  console.log(`\n▶ ${step.name} (budget ${step.budgetMin} min): ${step.cmd}`);
  const started = Date.now();
  const r = spawnSync(step.cmd, {
    shell: true,
    stdio: 'inherit',
    timeout: step.budgetMin * 60_000,
    killSignal: 'SIGKILL',
  });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  summary.push(`${ok ? '✔' : '✘'} ${step.name} ${secs}s${r.error ? ` (${r.error.message})` : ''}`);
  if (!ok) {
    console.error(
      `\n${summary.join('\n')}\n✘ ${step.name} failed${r.signal ? ` (killed: over its ${step.budgetMin} min budget)` : ''}`,
    );
    process.exit(1);
  }
}
console.log(`\n${summary.join('\n')}`);
