// @ts-check
'use strict';

/**
 * One n8n worker for the shared-limit benchmark: runs the Zoho Email node on `count` CRM sends against
 * the emulator URL it is given, once the parent says go, and reports its wall time and outputs' check.
 * Argument: JSON `{ credential, count, inFlight, offset }`.
 */
const { engine, SEED, crmSend } = require('./lib');

async function main() {
	const { credential, count, inFlight, offset } = JSON.parse(process.argv[2]);
	const items = Array.from({ length: count }, (_, i) => ({ to: `r${offset + i}@example.com` }));
	const parameters = crmSend(SEED.kayleigh, { to: '={{ $json.to }}', ...(inFlight ? { performance: { requestsInFlight: inFlight } } : {}) });
	// Warm-up: loads n8n-core and the node before the clock starts.
	await engine.runZohoNode({ parameters: { ...crmSend(SEED.kayleigh), resource: 'crmEmail', operation: 'list', returnAll: false, limit: 1 }, credential });
	process.send?.({ ready: true });
	await new Promise((resolve) => process.once('message', resolve));
	const started = performance.now();
	const result = await engine.runZohoNode({ parameters, items, credential, continueOnFail: true });
	const ms = performance.now() - started;
	const failed = result.items.filter((/** @type {any} */ item) => item.json.error !== undefined).length;
	process.send?.({ ms, items: result.items.length, failed, ids: result.items.map((/** @type {any} */ item) => item.json.message_id ?? null) });
}

main().catch((error) => {
	process.stderr.write(String(error && error.stack));
	process.exit(1);
});
