import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locatePinnedTool, type PinnedTool } from './pinned-tool';

const tool: PinnedTool = {
  name: 'fake-tool',
  label: 'The fake tool',
  binary: 'complaints-fake-tool',
  version: '2.3.4',
  envVariable: 'COMPLAINTS_FAKE_TOOL',
  wheel: 'fake-tool-bin',
  goPackage: 'example.com/fake/cmd/fake',
};

/** Stand-ins for python3 and go that log their arguments and write the binary where the real ones would. */
const PYTHON3 = `#!/bin/sh
echo "python3 $*" >> "$CALLS"
[ -n "$PIP_FAILS" ] && { echo "Collecting fake-tool-bin==2.3.4" >&2; echo "ERROR: No matching distribution found for fake-tool-bin==2.3.4" >&2; exit 1; }
while [ $# -gt 0 ]; do [ "$1" = --target ] && target="$2"; shift; done
/bin/sleep 0.2
/bin/mkdir -p "$target/bin"
printf '#!/bin/sh\\necho "fake 2.3.4 from pip"\\n' > "$target/bin/complaints-fake-tool"
/bin/chmod +x "$target/bin/complaints-fake-tool"
`;
const GO = `#!/bin/sh
echo "go $* GOBIN=$GOBIN" >> "$CALLS"
/bin/mkdir -p "$GOBIN"
printf '#!/bin/sh\\necho "fake 2.3.4 from go"\\n' > "$GOBIN/complaints-fake-tool"
/bin/chmod +x "$GOBIN/complaints-fake-tool"
`;

describe('locatePinnedTool', () => {
  let root: string;
  let toolsDir: string;
  let stubs: string;
  let calls: string;
  let reported: string[];

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pinned-tool-'));
    toolsDir = join(root, 'tools');
    stubs = join(root, 'stubs');
    calls = join(root, 'calls.log');
    mkdirSync(stubs);
    writeFileSync(calls, '');
    reported = [];
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const withStubs = (names: Array<'python3' | 'go'>, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
    for (const name of names) {
      writeFileSync(join(stubs, name), name === 'python3' ? PYTHON3 : GO);
      chmodSync(join(stubs, name), 0o755);
    }
    return { PATH: stubs, CALLS: calls, ...extra };
  };
  const locate = (env: NodeJS.ProcessEnv) => locatePinnedTool(tool, { toolsDir, env, report: (line) => reported.push(line) });
  const callLog = () => readFileSync(calls, 'utf8').trim().split('\n').filter(Boolean);
  const installed = () => join(toolsDir, 'fake-tool-2.3.4', 'bin', 'complaints-fake-tool');

  it('installs the pinned wheel with pip into its own folder, says so in one line, and reuses it without pip', async () => {
    const env = withStubs(['python3', 'go']);
    await expect(locate(env)).resolves.toBe(installed());
    expect(execFileSync(installed(), { encoding: 'utf8' })).toBe('fake 2.3.4 from pip\n');
    expect(callLog()).toEqual([expect.stringMatching(/^python3 -m pip install .*--no-deps --target \S+ fake-tool-bin==2\.3\.4$/)]);
    expect(reported).toEqual([expect.stringMatching(/^The fake tool 2\.3\.4 installed into \S+fake-tool-2\.3\.4 \(pip install fake-tool-bin==2\.3\.4\)/)]);

    await expect(locate(env)).resolves.toBe(installed());
    expect(callLog()).toHaveLength(1);
    expect(reported).toHaveLength(1);
    expect(readdirSync(toolsDir)).toEqual(['fake-tool-2.3.4']);
  });

  it('prefers the environment variable, then PATH, and installs nothing then', async () => {
    const env = withStubs(['python3']);
    const own = join(root, 'own-tool');
    writeFileSync(own, '#!/bin/sh\n');
    chmodSync(own, 0o755);
    await expect(locate({ ...env, COMPLAINTS_FAKE_TOOL: own })).resolves.toBe(own);
    await expect(locate({ ...env, COMPLAINTS_FAKE_TOOL: join(root, 'missing') })).rejects.toThrow(
      `COMPLAINTS_FAKE_TOOL=${join(root, 'missing')} is not an executable file.`,
    );
    writeFileSync(join(stubs, 'complaints-fake-tool'), '#!/bin/sh\n');
    chmodSync(join(stubs, 'complaints-fake-tool'), 0o755);
    await expect(locate(env)).resolves.toBe(join(stubs, 'complaints-fake-tool'));
    expect(callLog()).toEqual([]);
    expect(existsSync(toolsDir)).toBe(false);
  });

  it('builds it with go install when pip fails', async () => {
    const env = withStubs(['python3', 'go'], { PIP_FAILS: '1' });
    await expect(locate(env)).resolves.toBe(installed());
    expect(execFileSync(installed(), { encoding: 'utf8' })).toBe('fake 2.3.4 from go\n');
    expect(callLog()[1]).toMatch(/^go install example\.com\/fake\/cmd\/fake@v2\.3\.4 GOBIN=\S+\/bin$/);
    expect(reported).toEqual([
      'The fake tool: pip install fake-tool-bin==2.3.4: ERROR: No matching distribution found for fake-tool-bin==2.3.4; trying go install example.com/fake/cmd/fake@v2.3.4',
      expect.stringContaining('(go install example.com/fake/cmd/fake@v2.3.4)'),
    ]);
  });

  it('says what to install when neither pip nor go can provide it, and leaves no half-made folder', async () => {
    const env = withStubs([]);
    await expect(locate(env)).rejects.toThrow(
      [
        `The fake tool 2.3.4 is needed and could not be installed into ${join(toolsDir, 'fake-tool-2.3.4')}:`,
        '  pip install fake-tool-bin==2.3.4: python3 not found',
        '  go install example.com/fake/cmd/fake@v2.3.4: go not found',
        'Install Python 3 with pip, or Go, and run again; or set COMPLAINTS_FAKE_TOOL to a complaints-fake-tool binary.',
      ].join('\n'),
    );
    expect(readdirSync(toolsDir)).toEqual([]);
  });

  it('lets two runs install at once without corrupting the folder', async () => {
    const env = withStubs(['python3']);
    const [first, second] = await Promise.all([locate(env), locate(env)]);
    expect([first, second]).toEqual([installed(), installed()]);
    expect(callLog()).toHaveLength(2);
    expect(readdirSync(toolsDir)).toEqual(['fake-tool-2.3.4']);
    expect(readdirSync(join(toolsDir, 'fake-tool-2.3.4', 'bin'))).toEqual(['complaints-fake-tool']);
    expect(execFileSync(installed(), { encoding: 'utf8' })).toBe('fake 2.3.4 from pip\n');
  });
});
