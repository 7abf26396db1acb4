// Runs the repository's ESLint config, workflow rules only, for workflow-lint.test.ts: jest's module sandbox
// cannot load the ESM config, so the test runs this in a plain Node process.
// stdin: { texts: [{ source, file }], files: [glob] }; stdout: { texts: [[message]], files: [{ file, messages }] }.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const RULES = ['no-restricted-imports', 'no-restricted-globals', 'no-restricted-properties'];
const repo = fileURLToPath(new URL('../../..', import.meta.url));
// Without type information (a whole program per run); the rules above need none.
const eslint = new ESLint({
  cwd: repo,
  overrideConfig: { languageOptions: { parserOptions: { project: null } } },
  ruleFilter: ({ ruleId }) => RULES.includes(ruleId),
});
const brief = (messages) => messages.map(({ line, ruleId, message }) => ({ line, ruleId, message }));

const request = JSON.parse(readFileSync(0, 'utf8'));
const texts = [];
for (const { source, file } of request.texts) texts.push(brief((await eslint.lintText(source, { filePath: `${repo}/${file}` }))[0].messages));
const files = (await eslint.lintFiles(request.files)).map((r) => ({ file: r.filePath.slice(repo.length), messages: brief(r.messages) }));
process.stdout.write(JSON.stringify({ texts, files }));
