#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * One-command demo: the Zoho emulator plus a real n8n (2.x, or 1.x when only that is installed) with
 * this package, the emulator credential and the example workflows preloaded. No Zoho account needed.
 *
 *   node e2e/demo.js [--port 5678] [--only 1|2]   editor at http://127.0.0.1:<port>; Ctrl+C stops everything
 *   node e2e/demo.js --headless                  runs the example workflows, prints their results, stops
 *
 * Builds the package first when dist/ is missing or older than the sources. A failure prints what failed,
 * what to do, and the path of n8n's full log.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { Emulator } = require('./lib/emulator');
const { loadExamples, triggerEvent, writeCredential, writeImportDir, CREDENTIAL_NAME } = require('./lib/examples');
const { engagementHints } = require('./lib/engagement-hints');
const { runError } = require('./lib/checks');
const { ActionableError, explain } = require('./lib/failure');
const { N8n, VERSIONS, ensureInstalled, installPackage, isInstalled } = require('./lib/n8n');
const { buildAndPack, buildIfStale } = require('./lib/pack');
const { freePort, seconds, waitFor } = require('./lib/proc');
const { describeOutput, messageIds } = require('./lib/report');

/** @typedef {import('./lib/n8n').Major} Major */

const OWNER = { email: 'demo@example.com', password: 'ZohoDemo2025', firstName: 'Demo', lastName: 'Owner' };

/** @param {string} line */
function say(line) {
	console.log(line);
}

/** @param {number} port @returns {Promise<boolean>} */
function portIsFree(port) {
	const net = require('node:net');
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/**
 * The editor's port: the one asked for with --port (which must be free), else 5678 or, when that is
 * taken, any free one.
 * @param {number | undefined} asked
 * @param {(line: string) => void} log
 */
async function editorPort(asked, log) {
	if (asked !== undefined) {
		if (!Number.isInteger(asked) || asked < 1 || asked > 65535) throw new ActionableError(`--port ${asked} is not a port number`, 'pass a number from 1 to 65535, e.g. --port 5678.');
		if (await portIsFree(asked)) return asked;
		throw new ActionableError(
			`port ${asked} on 127.0.0.1 is in use, so n8n cannot listen there`,
			`stop what listens there (\`ss -ltnp 'sport = :${asked}'\` names it) or choose another port with --port N.`,
		);
	}
	if (await portIsFree(5678)) return 5678;
	const port = await freePort();
	log(`port 5678 is in use (another n8n?); the editor uses port ${port} instead`);
	return port;
}

/**
 * Starts the emulator and n8n with everything preloaded. The caller stops it with `demo.stop()`.
 * @param {{ major?: Major, port?: number, startServer?: boolean, examplesDir?: string, withAgents?: boolean, log?: (line: string) => void }} [opts]
 */
async function startDemo(opts = {}) {
	const log = opts.log ?? say;
	/** @type {Major} */
	const major = opts.major ?? (isInstalled(2) || !isInstalled(1) ? 2 : 1);
	const port = opts.startServer === false ? await freePort() : await editorPort(opts.port, log);
	await buildIfStale(log);
	await ensureInstalled(major, log);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-demo-'));
	// n8n's own log outlives the temp folder, so a failure can point at it.
	const logFile = `${tmp}-n8n.log`;
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
		const { tarball } = await buildAndPack(tmp, { build: false });
		emulator = await new Emulator(await freePort()).start();
		log(`Zoho emulator: ${emulator.url}`);
		n8n = new N8n({
			major,
			userFolder: path.join(tmp, 'n8n'),
			port,
			brokerPort: await freePort(),
			logFile,
		});
		await installPackage(n8n.userFolder, tarball);
		const examples = loadExamples(opts.examplesDir);
		// The AI agent example is imported for the editor only: it needs a chat model, so it is never run here.
		const agents = opts.withAgents ? loadExamples(path.join(__dirname, '..', 'examples', 'agents')) : [];
		log(`n8n ${n8n.version}: importing the credential "${CREDENTIAL_NAME}" and ${examples.length + agents.length} example workflow(s) ...`);
		await n8n.importCredentials(
			writeCredential(path.join(tmp, 'cred.json'), {
				url: emulator.url,
				clientId: emulator.clientId,
				clientSecret: emulator.clientSecret,
				tokens: await emulator.tokens(),
			}),
		);
		if (examples.length + agents.length) await n8n.importWorkflows(writeImportDir([...examples, ...agents], path.join(tmp, 'workflows')));
		/** @type {string} */
		let cookie = '';
		if (opts.startServer !== false) {
			log(`starting n8n ${n8n.version} on ${n8n.url} ...`);
			await n8n.start();
			cookie = await n8n.ownerSession(OWNER);
		}
		return { major, n8n, emulator, examples, agents, cookie, owner: OWNER, tmp, logFile, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * Runs every example headlessly and prints what each Zoho node returned, then
 * `examples: N passed, N failed`.
 */
async function headless() {
	const demo = await startDemo({ startServer: false });
	let passed = 0;
	let failed = 0;
	/** @param {boolean} ok */
	const count = (ok) => (ok ? passed++ : failed++);
	/** Message IDs of the emails the action examples sent, by example name: the trigger must find one. */
	const sent = new Map();
	try {
		const { n8n, examples } = demo;
		const actions = examples.filter((e) => !e.trigger);
		say(`running ${actions.length} action example(s) with \`n8n execute\`, then ${examples.length - actions.length} trigger example(s) in a running n8n:`);
		for (const ex of actions) {
			const result = await n8n.execute(ex.id);
			const error = runError(result.run);
			const ok = result.code === 0 && result.run?.status === 'success' && !error;
			count(ok);
			say(`\n${ok ? '✔' : '✘'} ${ex.name} (${ex.file}): ${result.run?.status ?? `exit ${result.code}`} in ${seconds(result.ms)}`);
			if (!ok) say(`    ${error || result.output.trim().split('\n').slice(-3).join('\n    ')}`);
			for (const node of ex.zohoNodes) {
				for (const line of describeOutput(result.run, node.name)) say(line);
				if (ok && node.parameters?.operation === 'send') sent.set(ex.name, new Set(messageIds(result.run, node.name)));
			}
		}
		const triggers = examples.filter((e) => e.trigger);
		const before = passed + failed;
		if (triggers.length) {
			try {
				// A poll trigger can't run through `n8n execute`: run it as the editor's "Fetch Test Event" does.
				say(`\nstarting n8n ${n8n.version} for the trigger example(s) ...`);
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
					let ok = execution.status === 'success';
					const lines = describeOutput(execution, name);
					// The watched records include the one an action example sent from: the newest email is that one.
					const emitted = messageIds(execution, name);
					const source = [...sent].find(([, ids]) => emitted.some((m) => ids.has(m)));
					// Only a CRM trigger watches the records the action examples send from.
					if (ok && sent.size && String(ex.triggerNode?.parameters?.source ?? 'crmRecords').startsWith('crm')) {
						ok = Boolean(source);
						lines.push(
							source
								? `    it emitted the email "${source[0]}" sent above (message ID ${emitted.find((m) => source[1].has(m))})`
								: `    it emitted ${emitted.length ? `message ID(s) ${emitted.join(', ')}` : 'no email'}, not an email sent above`,
						);
					}
					count(ok);
					say(`\n${ok ? '✔' : '✘'} ${ex.name} (${ex.file}): one poll ("Fetch Test Event"), ${execution.status}`);
					if (execution.status !== 'success') say(`    ${runError(execution)}`);
					for (const line of lines) say(line);
				}
			} catch (error) {
				// The trigger examples that did not run count as failed; the closing line still comes.
				failed += triggers.length - (passed + failed - before);
				for (const line of explain(error)) say(line);
			}
		}
	} finally {
		await demo.stop();
	}
	say(`\nexamples: ${passed} passed, ${failed} failed`);
	if (failed) {
		demo.n8n.saveLog();
		say(`n8n's full log: ${demo.logFile}`);
	} else {
		fs.rmSync(demo.logFile, { force: true });
	}
	process.exitCode = failed ? 1 : 0;
}

async function interactive() {
	const i = process.argv.indexOf('--port');
	const j = process.argv.indexOf('--only');
	const demo = await startDemo({
		port: i >= 0 ? Number(process.argv[i + 1]) : undefined,
		major: j >= 0 ? /** @type {Major} */ (Number(process.argv[j + 1])) : undefined,
		withAgents: true,
	});
	const { n8n, emulator, examples, agents } = demo;
	const crm =
		examples.find((e) => e.zohoNodes.some((n) => n.parameters?.resource === 'crmEmail' && n.parameters?.operation === 'send')) ??
		examples.find((e) => !e.trigger);
	const triggers = examples.filter((e) => e.trigger);
	say('');
	say(`n8n ${VERSIONS[demo.major].version} is running with n8n-nodes-zoho-email against the Zoho emulator.`);
	say('');
	say(`  Editor:    ${n8n.url}`);
	say(`  Sign in:   ${OWNER.email} / ${OWNER.password}`);
	say(`  Emulator:  ${emulator.url}  (no Zoho account involved)`);
	say('');
	say('What to click:');
	say(`  1. Sign in, then open Overview > Workflows: the ${examples.length + agents.length} example workflow(s) are there.`);
	if (crm) say(`  2. Open "${crm.name}" (${n8n.url}/workflow/${crm.id}) and click "Execute workflow"; open the Zoho Email node to see its output.`);
	say(`  3. Open Overview > Credentials > "${CREDENTIAL_NAME}": data center "Custom", the products, the emulator URLs.`);
	say('  4. In a Zoho Email node, open "From" or a record picker: the lists load from the emulator.');
	if (triggers.length) {
		say('  5. Open a trigger workflow, click "Fetch Test Event", or activate it and make what it watches happen:');
		for (const trigger of triggers) {
			say(`     "${trigger.name}" (${n8n.url}/workflow/${trigger.id}):`);
			say(`       curl -X POST ${emulator.url}${triggerEvent(trigger)}`);
		}
	}
	for (const agent of agents) {
		say(`  6. Open "${agent.name}" (${n8n.url}/workflow/${agent.id}): pick a chat model credential, then chat, e.g. "Email invoice INV-00001 to willsmith@bowmanfurniture.example".`);
	}
	for (const line of engagementHints(emulator.url, examples)) say(line);
	say(`  Emails the emulator "sent": ${emulator.url}/__admin/mails`);
	say('');
	say('Press Ctrl+C to stop n8n and the emulator.');
	let stopping = false;
	const shutdown = async () => {
		if (stopping) return;
		stopping = true;
		say('\nstopping ...');
		await demo.stop();
		say(`n8n's log of this session: ${n8n.saveLog()}`);
		process.exit(0);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
	// Stop too when n8n dies on its own.
	await n8n.server?.closed;
	if (!stopping) {
		const code = n8n.server?.exited?.code ?? n8n.server?.exited?.signal;
		await demo.stop();
		n8n.saveLog();
		for (const line of explain(new ActionableError(`n8n ${n8n.version} stopped on its own (exit ${code})`, 'the log says why; rerun `npm run demo` to start again.', demo.logFile))) console.error(line);
		process.exit(1);
	}
}

if (require.main === module) {
	const main = process.argv.includes('--headless') ? headless : interactive;
	main().catch((error) => {
		for (const line of explain(error)) console.error(line);
		process.exit(1);
	});
}

module.exports = { startDemo, OWNER };
