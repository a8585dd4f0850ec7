#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * One-command demo: the Zoho emulator plus a real n8n (2.x, or 1.x when only that is installed) with
 * this package, the emulator credential and the example workflows preloaded. No Zoho account needed.
 *
 *   node e2e/demo.js [--port 5678] [--only 1|2]   editor at http://127.0.0.1:<port>; Ctrl+C stops everything
 *   node e2e/demo.js --headless                  runs the example workflows, prints their results, stops
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { Emulator } = require('./lib/emulator');
const { loadExamples, writeCredential, writeImportDir, CREDENTIAL_NAME } = require('./lib/examples');
const { itemsOf, runError } = require('./lib/checks');
const { N8n, VERSIONS, ensureInstalled, installPackage, isInstalled } = require('./lib/n8n');
const { buildAndPack } = require('./lib/pack');
const { freePort, seconds, waitFor } = require('./lib/proc');

/** @typedef {import('./lib/n8n').Major} Major */

const OWNER = { email: 'demo@example.com', password: 'ZohoDemo2025', firstName: 'Demo', lastName: 'Owner' };

/** @param {string} line */
function say(line) {
	console.log(line);
}

/**
 * @param {number} port
 */
async function portOrFree(port) {
	const net = require('node:net');
	const free = await new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
	return free ? port : freePort();
}

/**
 * Starts the emulator and n8n with everything preloaded. The caller stops it with `demo.stop()`.
 * @param {{ major?: Major, port?: number, startServer?: boolean, examplesDir?: string, log?: (line: string) => void }} [opts]
 */
async function startDemo(opts = {}) {
	const log = opts.log ?? say;
	/** @type {Major} */
	const major = opts.major ?? (isInstalled(2) || !isInstalled(1) ? 2 : 1);
	await ensureInstalled(major, log);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-demo-'));
	/** @type {Emulator | null} */
	let emulator = null;
	/** @type {N8n | null} */
	let n8n = null;
	const stop = async () => {
		if (n8n) await n8n.stop();
		if (emulator) await emulator.stop();
		fs.rmSync(tmp, { recursive: true, force: true });
	};
	try {
		log(`building and packing the package ...`);
		const { tarball } = await buildAndPack(tmp);
		emulator = await new Emulator(await freePort()).start();
		log(`Zoho emulator: ${emulator.url}`);
		n8n = new N8n({
			major,
			userFolder: path.join(tmp, 'n8n'),
			port: await portOrFree(opts.port ?? 5678),
			brokerPort: await freePort(),
		});
		await installPackage(n8n.userFolder, tarball);
		const examples = loadExamples(opts.examplesDir);
		log(`n8n ${n8n.version}: importing the credential "${CREDENTIAL_NAME}" and ${examples.length} example workflow(s) ...`);
		await n8n.importCredentials(
			writeCredential(path.join(tmp, 'cred.json'), {
				url: emulator.url,
				clientId: emulator.clientId,
				clientSecret: emulator.clientSecret,
				tokens: await emulator.tokens(),
			}),
		);
		if (examples.length) await n8n.importWorkflows(writeImportDir(examples, path.join(tmp, 'workflows')));
		/** @type {string} */
		let cookie = '';
		if (opts.startServer !== false) {
			log(`starting n8n ${n8n.version} on ${n8n.url} ...`);
			await n8n.start();
			cookie = await n8n.ownerSession(OWNER);
		}
		return { major, n8n, emulator, examples, cookie, owner: OWNER, tmp, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * Short text of a node's first output item.
 * @param {any} run
 * @param {string} nodeName
 */
function firstItem(run, nodeName) {
	const json = run?.data?.resultData?.runData?.[nodeName]?.[0]?.data?.main?.[0]?.[0]?.json;
	const text = JSON.stringify(json ?? null);
	return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** Runs every example headlessly and prints what each Zoho node returned. */
async function headless() {
	const demo = await startDemo({ startServer: false });
	let failures = 0;
	try {
		const { n8n, examples } = demo;
		for (const ex of examples.filter((e) => !e.trigger)) {
			const result = await n8n.execute(ex.id);
			const ok = result.code === 0 && result.run?.status === 'success';
			if (!ok) failures++;
			say(`\n${ok ? '✔' : '✘'} ${ex.name} (${ex.file}) - ${result.run?.status ?? `exit ${result.code}`} in ${seconds(result.ms)}`);
			if (!ok) say(`  ${runError(result.run) || result.output.trim().split('\n').slice(-3).join('\n  ')}`);
			for (const node of ex.zohoNodes) {
				say(`  ${node.name}: ${itemsOf(result.run, node.name)} item(s); first: ${firstItem(result.run, node.name)}`);
			}
		}
		const triggers = examples.filter((e) => e.trigger);
		if (triggers.length) {
			// A poll trigger can't run through `n8n execute`: run it as the editor's "Fetch Test Event" does.
			await n8n.start();
			const cookie = await n8n.ownerSession(OWNER);
			const apiKey = await n8n.createApiKey(cookie);
			for (const ex of triggers) {
				const name = ex.triggerNode?.name ?? 'Zoho Email Trigger';
				const id = await n8n.manualRun(cookie, ex.id, name);
				const execution = await waitFor(`execution ${id}`, async () => {
					const e = (await n8n.executions(apiKey, ex.id)).find((x) => String(x.id) === id);
					return e && e.status !== 'running' && e.status !== 'new' ? e : null;
				}, { timeoutMs: 30000, intervalMs: 500 });
				const ok = execution.status === 'success';
				if (!ok) failures++;
				say(`\n${ok ? '✔' : '✘'} ${ex.name} (${ex.file}) - one poll: ${execution.status}`);
				if (!ok) say(`  ${runError(execution)}`);
				say(`  ${name}: ${itemsOf(execution, name)} item(s); first: ${firstItem(execution, name)}`);
			}
		}
	} finally {
		await demo.stop();
	}
	say(failures ? `\n${failures} example(s) failed` : '\nall examples ran');
	process.exitCode = failures ? 1 : 0;
}

async function interactive() {
	const i = process.argv.indexOf('--port');
	const j = process.argv.indexOf('--only');
	const demo = await startDemo({
		port: i >= 0 ? Number(process.argv[i + 1]) : undefined,
		major: j >= 0 ? /** @type {Major} */ (Number(process.argv[j + 1])) : undefined,
	});
	const { n8n, emulator, examples } = demo;
	const crm =
		examples.find((e) => e.zohoNodes.some((n) => n.parameters?.resource === 'crmEmail' && n.parameters?.operation === 'send')) ??
		examples.find((e) => !e.trigger);
	const trigger = examples.find((e) => e.trigger);
	say('');
	say(`n8n ${VERSIONS[demo.major].version} is running with n8n-nodes-zoho-email against the Zoho emulator.`);
	say('');
	say(`  Editor:    ${n8n.url}`);
	say(`  Sign in:   ${OWNER.email} / ${OWNER.password}`);
	say(`  Emulator:  ${emulator.url}  (no Zoho account involved)`);
	say('');
	say('What to click:');
	say(`  1. Sign in, then open Overview > Workflows: the ${examples.length} example workflow(s) are there.`);
	if (crm) say(`  2. Open "${crm.name}" (${n8n.url}/workflow/${crm.id}) and click "Execute workflow"; open the Zoho Email node to see its output.`);
	say(`  3. Open Overview > Credentials > "${CREDENTIAL_NAME}": data center "Custom", the products, the emulator URLs.`);
	say('  4. In a Zoho Email node, open "From" or a record picker: the lists load from the emulator.');
	if (trigger) {
		say(`  5. Open "${trigger.name}" (${n8n.url}/workflow/${trigger.id}), click "Fetch Test Event", or activate it and add emails:`);
		say(`       curl -X POST ${emulator.url}/__admin/crm/emails -H 'content-type: application/json' -d '{"module":"Leads","recordId":"5725767000000501001","count":2}'`);
	}
	say(`  Emails the emulator "sent": ${emulator.url}/__admin/mails`);
	say('');
	say('Press Ctrl+C to stop n8n and the emulator.');
	let stopping = false;
	const shutdown = async () => {
		if (stopping) return;
		stopping = true;
		say('\nstopping ...');
		await demo.stop();
		process.exit(0);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
	// Stop too when n8n dies on its own.
	await n8n.server?.closed;
	if (!stopping) {
		say(`n8n exited:\n${n8n.server?.output.split('\n').slice(-10).join('\n')}`);
		await demo.stop();
		process.exit(1);
	}
}

if (require.main === module) {
	const main = process.argv.includes('--headless') ? headless : interactive;
	main().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}

module.exports = { startDemo, OWNER };
