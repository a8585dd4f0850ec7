// @ts-check
'use strict';

/**
 * `npm run test:e2e`: the example workflows in real n8n (e2e/run.js), then the AI Agent and MCP Server
 * Trigger scenarios (e2e/agents.js), with the same command line (`--only 1|2`, `--tarball FILE`,
 * `--keep`). Both run even if the first fails; the exit code is the first failure's.
 */

const { spawnSync } = require('node:child_process');
const path = require('node:path');

const args = process.argv.slice(2);
let exitCode = 0;
for (const suite of ['run.js', 'agents.js']) {
	const { status } = spawnSync(process.execPath, [path.join(__dirname, suite), ...args], { stdio: 'inherit' });
	if (status !== 0 && exitCode === 0) exitCode = status ?? 1;
}
process.exit(exitCode);
