import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Client } from 'pg';

/** A server the benchmark started as a child process, so its CPU time can be read apart from the load generator's. */
export interface ServerProcess {
  pid: number;
  stop: () => Promise<void>;
}

/** Starts `node script` with `env` and waits until `url` answers HTTP at all. */
export async function startServerProcess(script: string, env: NodeJS.ProcessEnv, url: string, name: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--max-semi-space-size=64', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', (chunk: Buffer) => {
    keep(chunk);
    // Errors either side logs during the run (the answers only carry a masked message).
    process.stderr.write(`[${name}] ${chunk.toString()}`);
  });
  const exited = new Promise<never>((_, fail) => child.once('exit', (code) => fail(new Error(`${name} exited (${code}):\n${output}`))));
  const deadline = Date.now() + 60_000;
  while (!(await answers(url))) {
    if (Date.now() > deadline) throw new Error(`${name} did not answer within 60 s:\n${output}`);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 250))]);
  }
  exited.catch(() => undefined);
  return { pid: child.pid ?? 0, stop: () => stopChild(child) };
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET' }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** User + system CPU of a process (all its threads) so far, in milliseconds; 0 once it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name, which may itself hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU so far of the PostgreSQL backends serving each application_name (each child sets PGAPPNAME). */
export async function backendCpuMs(admin: Client, applicationNames: string[]): Promise<Map<string, Map<number, number>>> {
  const { rows } = await admin.query<{ pid: number; application_name: string }>(
    'select pid, application_name from pg_stat_activity where application_name = any($1::text[])',
    [applicationNames],
  );
  const byName = new Map(applicationNames.map((name) => [name, new Map<number, number>()]));
  for (const row of rows) byName.get(row.application_name)?.set(row.pid, cpuMs(row.pid));
  return byName;
}

/** CPU the backends spent between two readings; a backend opened in between counts from zero. */
export function backendCpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? 0);
  return spent;
}
