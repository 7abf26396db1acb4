import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commandLineOf, isProcessAlive, terminate } from './embedded/process-control';

/**
 * Pid files of the services the launcher spawned. Ctrl-C stops them all; a launcher that is itself
 * killed (SIGKILL, a closed terminal) cannot, and its orphans would keep ports 4000/4200 busy.
 * The next start stops them first.
 */
export class ServiceRegistry {
  constructor(
    private readonly directory: string,
    /** Only processes whose command line mentions this (the repository path) are ours to stop. */
    private readonly marker: string,
  ) {}

  async record(name: string, pid: number): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    await writeFile(this.file(name), `${pid}\n`);
  }

  async forget(name: string): Promise<void> {
    await rm(this.file(name), { force: true });
  }

  /** Stops the process groups a killed earlier run left behind; returns their names. */
  async stopLeftovers(): Promise<string[]> {
    if (!existsSync(this.directory)) return [];
    const stopped: string[] = [];
    for (const entry of await readdir(this.directory)) {
      if (!entry.endsWith('.pid')) continue;
      const pid = Number.parseInt(await readFile(join(this.directory, entry), 'utf8'), 10);
      if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) && commandLineOf(pid)?.includes(this.marker)) {
        await terminate(pid, { signal: 'SIGTERM', graceMs: 5_000, group: true });
        stopped.push(entry.slice(0, -'.pid'.length));
      }
      await rm(join(this.directory, entry), { force: true });
    }
    return stopped;
  }

  private file(name: string): string {
    return join(this.directory, `${name}.pid`);
  }
}
