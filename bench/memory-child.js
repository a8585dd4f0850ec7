// @ts-check
'use strict';

/**
 * One run of the linear-cost table in a process of its own, so its peak memory is the node's alone
 * (the emulator runs elsewhere). Argument: JSON `{ credential, kind, n, recordIds }` with kind `list`
 * (Return All of a record with n emails), `send` (n CRM sends) or `trigger` (an idle poll of n chosen
 * records, after the activation poll). Prints JSON `{ items, ms, baseline, peak, error }`.
 */
const { engine, poll, rl, crmSend, SEED } = require('./lib');

async function main() {
	const { credential, kind, n, recordIds } = JSON.parse(process.argv[2]);
	/** @type {() => Promise<{ items: number, error?: string }>} */
	let run;
	if (kind === 'list') {
		const parameters = { resource: 'crmEmail', operation: 'list', module: rl('name', 'Contacts'), recordId: rl('id', SEED.kayleigh), returnAll: true, simplify: false };
		run = async () => {
			const result = await engine.runZohoNode({ parameters, credential });
			return { items: result.items.length, error: result.error?.message };
		};
	} else if (kind === 'send') {
		const items = Array.from({ length: n }, (_, i) => ({ to: `r${i}@example.com` }));
		const parameters = crmSend(SEED.kayleigh, { to: '={{ $json.to }}' });
		run = async () => {
			const result = await engine.runZohoNode({ parameters, items, credential });
			return { items: result.items.length, error: result.error?.message };
		};
	} else {
		const parameters = { source: 'crmRecords', module: rl('name', 'Contacts'), records: { record: recordIds.map((/** @type {string} */ id) => ({ recordId: rl('id', id) })) } };
		const h = new poll.PollHarness({ parameters, credential });
		const activation = await h.poll();
		if (activation.error) throw activation.error;
		run = async () => {
			const outcome = await h.poll();
			return { items: outcome.items.length, error: outcome.error?.message };
		};
	}
	// Warm-up: loads n8n-core and the node, so the baseline holds everything but the run itself.
	await engine.runZohoNode({ parameters: { resource: 'crmEmail', operation: 'list', module: rl('name', 'Contacts'), recordId: rl('id', SEED.maclead), returnAll: false, limit: 1 }, credential });
	if (global.gc) global.gc();
	process.send?.({ ready: true });
	await new Promise((resolve) => process.once('message', resolve));
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 5);
	const started = performance.now();
	const result = await run();
	const ms = performance.now() - started;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	process.send?.({ ...result, ms, baseline, peak });
}

main().catch((error) => {
	process.stderr.write(String(error && error.stack));
	process.exit(1);
});
