import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { terminate } from './embedded/process-control';

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Prints `name | line` for every line a child writes, so interleaved output stays attributable. */
export function prefixedWriter(name: string, width: number): (line: string) => void {
  const prefix = `${name.padEnd(width)} | `;
  return (line) => process.stdout.write(prefix + line + '\n');
}

/**
 * A child process in its own process group, so stopping it also stops whatever it spawned
 * (`ng serve` starts esbuild workers, `npx` a shell) and a terminal's Ctrl-C reaches only the
 * launcher, which then stops services in order.
 */
export class ServiceProcess {
  private readonly child: ChildProcess;
  /** Settles when the process ends; never rejects (a spawn failure counts as exit code 127). */
  readonly exited: Promise<ServiceExit>;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: { cwd: string; env: NodeJS.ProcessEnv; write: (line: string) => void },
  ) {
    this.child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', options.write);
    }
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        options.write(`could not start ${command}: ${error.message}`);
        resolve({ code: 127, signal: null });
      });
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.pid !== undefined;
  }

  /** SIGTERM to the whole group, SIGKILL to whatever is left after the grace period. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.child.pid !== undefined) await terminate(this.child.pid, { signal: 'SIGTERM', graceMs, group: true });
    await this.exited;
  }
}

/** Runs a one-shot step (migrations, seed) and resolves on exit code 0, rejects otherwise. */
export async function runToCompletion(service: ServiceProcess): Promise<void> {
  const { code, signal } = await service.exited;
  if (code !== 0) throw new Error(`${service.name} failed (exit ${code ?? signal})`);
}
