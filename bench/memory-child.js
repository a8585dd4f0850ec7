// @ts-check
'use strict';

/**
 * Peak memory of one "List Emails" run, measured in a process of its own so the emulator (which
 * runs in the parent) is not counted. Argument: JSON `{credential, recordId, expected}`; prints JSON.
 */
const { engine, rl } = require('./lib');

async function main() {
	const { credential, recordId } = JSON.parse(process.argv[2]);
	const parameters = { resource: 'crmEmail', operation: 'list', module: rl('name', 'Contacts'), recordId: rl('id', recordId), returnAll: true, simplify: false };
	// Warm-up: loads n8n-core and the node, so the baseline holds everything but the listing itself.
	await engine.runZohoNode({ parameters: { ...parameters, returnAll: false, limit: 1 }, credential });
	if (global.gc) global.gc();
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 10);
	const started = performance.now();
	const result = await engine.runZohoNode({ parameters, credential });
	const ms = performance.now() - started;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	process.stdout.write(
		JSON.stringify({ items: result.items.length, error: result.error ? String(result.error.message) : undefined, ms, baseline, peak, maxRss: process.resourceUsage().maxRSS * 1024 }),
	);
}

main().catch((error) => {
	process.stderr.write(String(error && error.stack));
	process.exitCode = 1;
});
