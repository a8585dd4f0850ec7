// @ts-check
'use strict';

/**
 * `npm run bench`: API calls per operation, throughput against Zoho's concurrency limit, per-item
 * overhead, trigger cost and memory, all through n8n-core's engine against the emulator on 127.0.0.1.
 * Prints Markdown tables and writes them to docs/benchmarks.md. Measures only: it never fails on speed.
 */

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const axios = require('axios').default;

const { ALL_SCOPES } = require('../emulator/scopes');
const { engine, poll, startEmulator, SEED, crmSend, credential, apiCalls, loadHttpRequestNode, machine, rl } = require('./lib');

/** The trigger's "Records" list: one By ID picker per watched record. */
const watched = (/** @type {string[]} */ ids) => ({ record: ids.map((id) => ({ recordId: rl('id', id) })) });

const SENDS = 1000;
const LATENCY_MS = 50;
const LIMIT = 10;
const OVERHEAD_SENDS = 1000;
const TRIGGER_EMAILS = 100_000;
const LIST_EMAILS = 10_000;

const fmt = (/** @type {number} */ n, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const int = (/** @type {number} */ n) => Math.round(n).toLocaleString('en-US');
const table = (/** @type {string[]} */ head, /** @type {Array<Array<string | number>>} */ rows) =>
	[`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const log = (/** @type {string} */ line) => process.stderr.write(`${line}\n`);

/** Runs the Zoho node on `items` and returns the result with the wall time. */
async function runNode(/** @type {any} */ emu, /** @type {any} */ parameters, items = [{}], continueOnFail = false) {
	const cred = credential(emu);
	emu.clearRequests();
	const started = performance.now();
	const result = await engine.runZohoNode({ parameters, items, credential: cred, continueOnFail });
	return { ...result, ms: performance.now() - started, calls: apiCalls(emu) };
}

// ---------------------------------------------------------------------------------------------------
// 1. API calls per operation vs the documented minimum

async function callCounts(/** @type {any} */ emu) {
	emu.reset();
	/** @type {Array<[string, number, number]>} */
	const rows = [];
	const add = async (/** @type {string} */ name, /** @type {number} */ minimum, /** @type {() => Promise<{calls: number, error?: any}>} */ run) => {
		const { calls, error } = await run();
		if (error) throw new Error(`${name}: ${error.message}`);
		rows.push([name, calls, minimum]);
	};
	const sageEmail = emu.data.crm.emails('Contacts', SEED.sage)[0].message_id;
	await add('CRM: Send (1 item)', 1, () => runNode(emu, crmSend()));
	await add('CRM: Send (100 items)', 100, () => runNode(emu, crmSend(), Array.from({ length: 100 }, () => ({}))));
	await add('CRM: Associate (1 item)', 1, () =>
		runNode(emu, {
			resource: 'crmEmail', operation: 'associate', module: rl('name', 'Deals'), recordId: rl('id', '5725767000000504001'),
			from: 'user1 <test@zoho.com>', to: 'user2 <test1@zoho.com>', subject: 'Logged', content: 'Hi', mailFormat: 'html',
			dateTime: '2024-06-12T12:12:12+05:30', direction: 'sent', originalMessageId: 'bench-original-1',
		}),
	);
	await add('CRM: Get Email (with content)', 1, () => runNode(emu, { resource: 'crmEmail', operation: 'get', module: rl('name', 'Contacts'), recordId: rl('id', SEED.sage), messageId: sageEmail }));
	const list = (/** @type {object} */ rest) => ({ resource: 'crmEmail', operation: 'list', module: rl('name', 'Contacts'), recordId: rl('id', SEED.maclead), ...rest });
	await add('CRM: List Emails, limit 10 (of 37)', 1, () => runNode(emu, list({ returnAll: false, limit: 10 })));
	await add('CRM: List Emails, limit 25 (of 37)', 3, () => runNode(emu, list({ returnAll: false, limit: 25 })));
	await add('CRM: List Emails, all 37', 4, () => runNode(emu, list({ returnAll: true })));
	emu.reset();
	emu.data.crm.addEmails('Contacts', SEED.kayleigh, LIST_EMAILS);
	await add(`CRM: List Emails, all ${int(LIST_EMAILS)}`, LIST_EMAILS / 10, () =>
		runNode(emu, { ...list({ returnAll: true }), recordId: rl('id', SEED.kayleigh) }),
	);
	await add('Bigin: Send (1 item)', 1, () =>
		runNode(emu, {
			resource: 'biginEmail', operation: 'send', biginModule: 'Contacts', recordId: rl('id', SEED.biginContact),
			from: rl('list', 'Amelia Burrows <amelia.burrows@zylker.com>'), to: 'jason@example.com', subject: 'Hi', content: 'Hello',
		}),
	);
	await add('Books: Email a Contact (organization chosen)', 1, () =>
		runNode(emu, {
			resource: 'booksEmail', operation: 'emailContact', organizationId: rl('id', SEED.booksOrg), contactId: rl('id', SEED.booksContact),
			to: 'will@example.com', subject: 'Hi', body: 'Hello',
		}),
	);
	await add('Books: Email an Invoice (organization chosen)', 1, () =>
		runNode(emu, {
			resource: 'booksEmail', operation: 'emailTransaction', organizationId: rl('id', SEED.booksOrg), transactionType: 'invoice',
			transactionId: rl('id', SEED.booksInvoice), to: 'will@example.com',
		}),
	);
	// Bulk: one item per document, ceil(n/10) calls for n documents.
	const bulkInvoices = emu.data.books.addTransactions(SEED.booksOrg, 'invoices', 25);
	const bulkItems = bulkInvoices.map((/** @type {string} */ id) => ({ id }));
	const bulk = { organizationId: rl('id', SEED.booksOrg), transactionId: rl('id', '={{ $json.id }}') };
	await add('Books: Email Invoices in Bulk (25 items)', 3, () =>
		runNode(emu, { resource: 'booksEmail', operation: 'emailTransactionsInBulk', transactionType: 'invoice', ...bulk }, bulkItems),
	);
	await add('Books: Send Payment Reminders in Bulk (25 items)', 3, () => runNode(emu, { resource: 'booksEmail', operation: 'sendPaymentRemindersInBulk', ...bulk }, bulkItems));
	await add('Books: List Email History of an invoice', 1, () =>
		runNode(emu, { resource: 'booksEmail', operation: 'listEmailHistory', organizationId: rl('id', SEED.booksOrg), historyOf: 'invoice', transactionId: rl('id', SEED.booksInvoice), returnAll: true }),
	);

	// Payment reminders go to an open invoice (the seed's INV-00001); Zoho refuses drafts.
	const openInvoice = rl('id', '460000000040001');
	const books = (/** @type {string} */ operation, /** @type {object} */ rest = {}) => ({ resource: 'booksEmail', operation, organizationId: rl('id', SEED.booksOrg), transactionId: openInvoice, ...rest });
	await add('Books: Send Payment Reminder, default template (read, then send)', 2, () => runNode(emu, books('sendPaymentReminder', { to: 'will@example.com' })));
	await add('Books: Send Payment Reminder, custom subject and body', 1, () =>
		runNode(emu, books('sendPaymentReminder', { to: 'will@example.com', contentMode: 'custom', subject: 'Reminder', content: 'Please pay' })),
	);
	await add('Books: Get Payment Reminder Content', 1, () => runNode(emu, books('getPaymentReminderContent')));
	await add('Books: Enable/Disable Payment Reminders', 1, () => runNode(emu, books('setPaymentReminders', { automatedReminders: 'disable' })));
	await add('Books: Email a Vendor Payment receipt, default template (read, then send)', 2, () =>
		runNode(emu, { resource: 'booksEmail', operation: 'emailTransaction', organizationId: rl('id', SEED.booksOrg), transactionType: 'vendorPayment', transactionId: rl('id', '460000000040701'), to: 'orders@example.com' }),
	);
	await add('Books: Cancel Scheduled Invoice Email (credential option on)', 1, async () => {
		// The opt-in credential: the option on and a token carrying ZohoBooks.invoices.DELETE.
		const optedIn = { ...credential(emu), booksCancelScheduledEmails: true, oauthTokenData: emu.issueToken({ scopes: ALL_SCOPES }) };
		emu.clearRequests();
		const result = await engine.runZohoNode({ parameters: books('cancelScheduledEmail'), items: [{}], credential: optedIn });
		return { ...result, calls: apiCalls(emu) };
	});

	/** Activates a trigger, then returns the calls of one idle poll. */
	const idle = async (/** @type {any} */ parameters) => {
		const h = new poll.PollHarness({ parameters, credential: poll.emulatorCredential(emu) });
		await h.poll();
		emu.clearRequests();
		const outcome = await h.poll();
		return { calls: apiCalls(emu), error: outcome.error };
	};
	emu.reset();
	const records = (/** @type {string[]} */ ids) => ({ source: 'crmRecords', module: rl('name', 'Contacts'), records: watched(ids) });
	await add('Trigger: idle poll, 1 chosen record', 1, () => idle(records([SEED.maclead])));
	await add('Trigger: idle poll, 3 chosen records', 3, () => idle(records([SEED.maclead, SEED.sage, SEED.kayleigh])));
	await add('Trigger: idle poll, whole module', 1, () => idle({ source: 'crmModule', module: rl('name', 'Contacts') }));
	await add('Trigger: idle poll, Books invoices', 1, () => idle({ source: 'booksEmailed', organizationId: rl('id', SEED.booksOrg), transactionTypes: ['invoice'] }));
	await add('Trigger: poll with 25 new emails, 1 record', 3, async () => {
		const h = new poll.PollHarness({ parameters: records([SEED.maclead]), credential: poll.emulatorCredential(emu) });
		await h.poll();
		const base = Math.floor(Date.now() / 1000) * 1000 + 60_000;
		emu.data.crm.addEmails('Contacts', SEED.maclead, Array.from({ length: 25 }, (_, i) => ({ time: new Date(base + i * 1000).toISOString(), subject: `New ${i}` })));
		// Zoho's clock past the new emails: they are not dated ahead of it.
		emu.setClock(base + 25_000);
		emu.clearRequests();
		const outcome = await h.poll();
		if (outcome.items.length !== 25) throw new Error(`expected 25 emails, got ${outcome.items.length}`);
		return { calls: apiCalls(emu), error: outcome.error };
	});
	return rows;
}

// ---------------------------------------------------------------------------------------------------
// 2. Throughput: 1,000 emails at 50 ms latency, concurrency limit 10

/** Checks a run of our node: every item sent once, outputs in input order, paired with their input. */
function checkOurs(/** @type {any} */ emu, /** @type {any[]} */ items) {
	const byMessage = new Map(emu.mails().map((/** @type {any} */ m) => [m.messageId, m.payload.to[0].email]));
	const inOrder = items.every((item, i) => item.pairedItem.item === i && byMessage.get(item.json.message_id) === `r${i}@example.com`);
	return { inOrder, unique: new Set(items.map((i) => i.json.message_id)).size };
}

async function throughput(/** @type {any} */ emu, /** @type {any} */ http) {
	const ceiling = LIMIT / (LATENCY_MS / 1000);
	/** @type {Array<Array<string | number>>} */
	const rows = [];
	const setUp = () => {
		emu.reset();
		emu.setLimits({ concurrency: LIMIT, mailConcurrency: LIMIT });
		emu.setLatency(LATENCY_MS);
	};
	const items = Array.from({ length: SENDS }, (_, i) => ({ to: `r${i}@example.com` }));
	for (const inFlight of [5, 8, 10, 20]) {
		setUp();
		log(`  our node, ${inFlight} in flight`);
		const result = await runNode(emu, crmSend(SEED.kayleigh, { to: '={{ $json.to }}', performance: { requestsInFlight: inFlight } }), items, true);
		const sent = emu.mails().length;
		const { inOrder, unique } = checkOurs(emu, result.items);
		const label = `Zoho Email node, Requests in Flight ${inFlight}${inFlight === 8 ? " (default)" : ""}`;
		rows.push([label, sent, SENDS - sent, emu.stats().tooManyRequests, fmt(sent / (result.ms / 1000)), `${fmt((sent / (result.ms / 1000) / ceiling) * 100, 0)} %`, inOrder && unique === SENDS ? 'yes' : 'NO']);
	}
	if (!http) {
		rows.push(['n8n HTTP Request node', '–', '–', '–', '–', '–', 'skipped: n8n 1.x install not cached']);
		return { rows, ceiling };
	}
	const body = JSON.stringify({
		data: [{ from: { user_name: 'Patricia Boyle', email: 'patricia.boyle@zylker.com' }, to: [{ user_name: 'Jason Smith', email: 'j.smith@example.com' }], subject: 'Benchmark', content: 'Hello', mail_format: 'html' }],
	});
	/** @type {Array<[string, object]>} */
	const variants = [
		['default options (every item at once)', {}],
		['Batching: 1 item every 55 ms (sequential)', { batching: { batch: { batchSize: 1, batchInterval: LATENCY_MS + 5 } } }],
		['Batching: 10 items every 55 ms', { batching: { batch: { batchSize: LIMIT, batchInterval: LATENCY_MS + 5 } } }],
	];
	for (const [name, options] of variants) {
		setUp();
		log(`  HTTP Request node, ${name}`);
		const token = emu.issueToken().access_token;
		const workflow = {
			nodes: [
				{ id: 'n1', name: 'Items', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(items) } },
				{
					id: 'n2', name: 'HTTP Request', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [200, 0], onError: 'continueRegularOutput',
					parameters: {
						method: 'POST', url: `${emu.url}/crm/v8/Contacts/${SEED.kayleigh}/actions/send_mail`,
						sendHeaders: true, headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${token}` }] },
						sendBody: true, contentType: 'raw', rawContentType: 'application/json', body, options,
					},
				},
			],
			connections: { Items: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] } },
		};
		emu.clearRequests();
		const started = performance.now();
		const result = await engine.runWorkflow(workflow, credential(emu));
		const ms = performance.now() - started;
		const out = result.output['HTTP Request'] ?? [];
		const sent = emu.mails().length;
		const paired = out.length === SENDS && out.every((/** @type {any} */ item, /** @type {number} */ i) => item.pairedItem?.item === i);
		rows.push([`n8n HTTP Request node, ${name}`, sent, SENDS - sent, emu.stats().tooManyRequests, fmt(sent / (ms / 1000)), `${fmt((sent / (ms / 1000) / ceiling) * 100, 0)} %`, paired ? 'yes' : 'NO']);
	}
	return { rows, ceiling };
}

// ---------------------------------------------------------------------------------------------------
// 3. Per-item overhead at 0 latency: our node vs a bare axios loop

async function overhead(/** @type {any} */ emu) {
	/** @type {Array<Array<string | number>>} */
	const rows = [];
	for (const inFlight of [1, 5]) {
		emu.reset();
		log(`  overhead, ${inFlight} in flight`);
		const ours = await runNode(emu, crmSend(SEED.kayleigh, { performance: { requestsInFlight: inFlight } }), Array.from({ length: OVERHEAD_SENDS }, () => ({})));
		if (ours.error || emu.mails().length !== OVERHEAD_SENDS) throw new Error(`overhead run failed: ${ours.error?.message}`);
		emu.reset();
		const token = emu.issueToken().access_token;
		const url = `${emu.url}/crm/v8/Contacts/${SEED.kayleigh}/actions/send_mail`;
		const payload = { data: [{ from: { user_name: 'Patricia Boyle', email: 'patricia.boyle@zylker.com' }, to: [{ user_name: 'Jason Smith', email: 'j.smith@example.com' }], subject: 'Benchmark', content: 'Hello', mail_format: 'html' }] };
		let next = 0;
		const started = performance.now();
		await Promise.all(
			Array.from({ length: inFlight }, async () => {
				while (next < OVERHEAD_SENDS) {
					next++;
					await axios.post(url, payload, { headers: { Authorization: `Zoho-oauthtoken ${token}` } });
				}
			}),
		);
		const bare = performance.now() - started;
		const perOurs = ours.ms / OVERHEAD_SENDS;
		const perBare = bare / OVERHEAD_SENDS;
		rows.push([`${inFlight} in flight`, fmt(perOurs, 2), fmt(perBare, 2), fmt(perOurs - perBare, 2), int(OVERHEAD_SENDS / (ours.ms / 1000)), int(OVERHEAD_SENDS / (bare / 1000))]);
	}
	return rows;
}

// ---------------------------------------------------------------------------------------------------
// 4. Trigger: idle poll, poll with new mail, stored state after 100,000 emails

async function trigger(/** @type {any} */ emu) {
	/** @type {Array<Array<string | number>>} */
	const rows = [];
	emu.reset();
	emu.setLatency(0);
	const sources = [
		['1 chosen record', { source: 'crmRecords', module: rl('name', 'Contacts'), records: watched([SEED.maclead]) }],
		['whole module (Contacts)', { source: 'crmModule', module: rl('name', 'Contacts') }],
		['Books invoices', { source: 'booksEmailed', organizationId: rl('id', SEED.booksOrg), transactionTypes: ['invoice'] }],
	];
	for (const [name, parameters] of sources) {
		const h = new poll.PollHarness({ parameters, credential: poll.emulatorCredential(emu) });
		await h.poll();
		emu.clearRequests();
		const started = performance.now();
		const rounds = 20;
		for (let i = 0; i < rounds; i++) await h.poll();
		rows.push([`idle poll, ${name}`, fmt(apiCalls(emu) / rounds, 2), fmt((performance.now() - started) / rounds, 1), '0', int(h.stateBytes())]);
	}

	// New mail: 5 emails arrive on the record between polls.
	{
		emu.reset();
		const h = new poll.PollHarness({ parameters: { source: 'crmRecords', module: rl('name', 'Contacts'), records: watched([SEED.kayleigh]) }, credential: poll.emulatorCredential(emu) });
		await h.poll();
		const base = Math.floor(Date.now() / 1000) * 1000 + 60_000;
		let calls = 0;
		let ms = 0;
		let emitted = 0;
		const rounds = 20;
		for (let r = 0; r < rounds; r++) {
			emu.data.crm.addEmails('Contacts', SEED.kayleigh, Array.from({ length: 5 }, (_, i) => ({ time: new Date(base + (r * 5 + i) * 1000).toISOString(), subject: `r${r}-${i}` })));
			emu.setClock(base + (r + 1) * 5000);
			emu.clearRequests();
			const started = performance.now();
			emitted += (await h.poll()).items.length;
			ms += performance.now() - started;
			calls += apiCalls(emu);
		}
		rows.push(['poll with 5 new emails, 1 chosen record', fmt(calls / rounds, 2), fmt(ms / rounds, 1), int(emitted / rounds), int(h.stateBytes())]);
	}

	// 100,000 emails through real polls: 100 polls of 1,000 new emails on 4 records (5 per second).
	// Emails already emitted are pruned from the emulator between polls: it sorts a record's whole
	// list on every page, which would otherwise dominate the run (the node reads them as it would).
	{
		emu.reset();
		const ids = [SEED.maclead, SEED.sage, SEED.kayleigh, '5725767000000502005'];
		const h = new poll.PollHarness({ parameters: { source: 'crmRecords', module: rl('name', 'Contacts'), records: watched(ids) }, credential: poll.emulatorCredential(emu) });
		await h.poll();
		const base = Math.floor(Date.now() / 1000) * 1000 + 60_000;
		const perPoll = 1000;
		const polls = TRIGGER_EMAILS / perPoll;
		let emitted = 0;
		let calls = 0;
		let maxState = 0;
		emu.clearRequests();
		const started = performance.now();
		for (let p = 0; p < polls; p++) {
			for (const id of ids) {
				emu.data.store.crm.emails[`Contacts/${id}`] = [];
				const emails = Array.from({ length: perPoll / ids.length }, (_, i) => {
					const n = p * (perPoll / ids.length) + i;
					return { time: new Date(base + Math.floor(n / 5) * 1000).toISOString(), subject: `Email ${n}` };
				});
				emu.data.crm.addEmails('Contacts', id, emails);
			}
			emu.setClock(base + Math.floor(((p + 1) * (perPoll / ids.length)) / 5) * 1000);
			const outcome = await h.poll();
			if (outcome.error) throw outcome.error;
			emitted += outcome.items.length;
			calls += apiCalls(emu);
			emu.clearRequests();
			maxState = Math.max(maxState, h.stateBytes());
		}
		const ms = performance.now() - started;
		rows.push([`${int(polls)} polls of ${int(perPoll)} new emails on 4 records (${int(emitted)} emitted)`, fmt(calls / polls, 1), fmt(ms / polls, 1), int(emitted / polls), `${int(h.stateBytes())} (max ${int(maxState)})`]);
		if (emitted !== TRIGGER_EMAILS) throw new Error(`trigger emitted ${emitted} of ${TRIGGER_EMAILS}`);
	}
	return rows;
}

// ---------------------------------------------------------------------------------------------------
// 5. Memory: peak RSS listing 10,000 emails

async function memory(/** @type {any} */ emu) {
	emu.reset();
	emu.setLatency(0);
	emu.data.crm.addEmails('Contacts', SEED.kayleigh, LIST_EMAILS);
	const input = JSON.stringify({ credential: credential(emu), recordId: SEED.kayleigh });
	// The emulator answers from this process, so the child runs asynchronously.
	const { execFile } = require('child_process');
	const output = await new Promise((resolve, reject) => {
		execFile(process.execPath, ['--expose-gc', path.join(__dirname, 'memory-child.js'), input], { maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
			error ? reject(new Error(stderr || error.message)) : resolve(stdout),
		);
	});
	const result = JSON.parse(/** @type {string} */ (output));
	if (result.error || result.items !== LIST_EMAILS) throw new Error(`memory run failed: ${result.error ?? result.items}`);
	const mib = (/** @type {number} */ b) => fmt(b / 2 ** 20, 0);
	return [[`List Emails, Return All, ${int(LIST_EMAILS)} emails (full objects)`, mib(result.baseline), mib(Math.max(result.peak, result.maxRss)), mib(Math.max(result.peak, result.maxRss) - result.baseline), fmt(result.ms / 1000, 1)]];
}

// ---------------------------------------------------------------------------------------------------

function gitCommit() {
	try {
		return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: path.join(__dirname, '..'), encoding: 'utf8' }).trim();
	} catch {
		return 'unknown';
	}
}

async function main() {
	const started = performance.now();
	const m = machine();
	const http = loadHttpRequestNode();
	const emu = await startEmulator();
	try {
		log('API calls per operation …');
		const calls = await callCounts(emu);
		log('Throughput …');
		const speed = await throughput(emu, http);
		log('Per-item overhead …');
		const over = await overhead(emu);
		log('Trigger …');
		const trig = await trigger(emu);
		log('Memory …');
		const mem = await memory(emu);

		const md = [
			'# Benchmarks',
			'',
			'Produced by `npm run bench` (`bench/run.js`). Every figure comes from workflows run through n8n-core\'s',
			'real `WorkflowExecute` (the trigger through n8n-core\'s `PollContext`) against the Zoho emulator on',
			'127.0.0.1. The figures measure; they are not pass/fail thresholds.',
			'',
			`- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB memory, ${m.platform}`,
			`- Node.js ${m.node}, n8n-core ${require('n8n-core/package.json').version}, n8n-workflow ${require('n8n-workflow/package.json').version}`,
			`- Date: ${m.date}, commit ${gitCommit()}`,
			'',
			'## API calls per operation',
			'',
			'Zoho bills one credit per call. Minimum = what the documented API needs: one call per send, one per',
			'10 listed emails (the Emails list has a fixed page size of 10), one per watched source on an idle poll.',
			'',
			table(['Operation', 'Calls', 'Documented minimum', 'Ratio'], calls.map(([name, c, min]) => [name, int(c), int(min), fmt(c / min, 2)])),
			'',
			'Books operations with the Organization field empty add one `GET /organizations` per execution (not per item).',
			'',
			`## Sending ${int(SENDS)} emails: ${LATENCY_MS} ms latency, concurrency limit ${LIMIT}`,
			'',
			`The emulator answers every call after ${LATENCY_MS} ms and refuses (HTTP 429) any request beyond ${LIMIT} in flight,`,
			`as Zoho does for mail (sub-concurrency about 10). Ceiling = ${LIMIT} / ${LATENCY_MS} ms = ${int(speed.ceiling)} emails/s.`,
			'"Order, pairing" = output item *i* is paired with input item *i* and carries the message ID of *its* email.',
			'',
			table(['Run', 'Sent', 'Not sent', '429 answers', 'Emails/s', 'Of ceiling', 'Order, pairing'], speed.rows),
			'',
			http
				? `The HTTP Request node is n8n's own class (\`HttpRequestV3\`, typeVersion 4.2) from n8n ${http.n8n} (n8n-nodes-base ${http.nodesBase}), loaded into n8n-core ${require('n8n-core/package.json').version}'s engine, sending the same JSON with a static \`Authorization: Bearer\` header and "On Error: Continue". It starts every request of a batch without waiting for the previous answers and does not retry a 429, so unpaced runs lose the emails Zoho refuses.`
				: 'The HTTP Request comparison was skipped: the cached n8n 1.x install (n8n-nodes-base) is absent.',
			'',
			'## Per-item overhead at 0 ms latency',
			'',
			`${int(OVERHEAD_SENDS)} sends to the emulator with no added latency: the Zoho Email node through n8n-core (parameter`,
			'resolution, validation, OAuth2 signing (n8n reads the credential for each request), error mapping) against a bare',
			'axios loop posting the same JSON with a fixed header.',
			'',
			table(['Concurrency', 'Zoho Email node ms/item', 'Bare axios ms/item', 'Overhead ms/item', 'Node items/s', 'axios items/s'], over),
			'',
			'## Trigger',
			'',
			table(['Poll', 'Calls per poll', 'ms per poll', 'Emails per poll', 'Stored state (bytes)'], trig),
			'',
			'The 100,000-email run goes through 100 real polls; between polls the emulator drops the emails already',
			'emitted (it sorts a record\'s whole list on every page), which the node cannot tell apart from older mail.',
			'',
			'## Memory',
			'',
			'Measured in a separate process (the emulator is not counted); baseline = after loading n8n-core and the node.',
			'',
			table(['Run', 'Baseline RSS (MiB)', 'Peak RSS (MiB)', 'Growth (MiB)', 'Seconds'], mem),
			'',
			`Full run: ${fmt((performance.now() - started) / 1000, 0)} s.`,
			'',
		].join('\n');
		process.stdout.write(`${md}\n`);
		fs.mkdirSync(path.join(__dirname, '..', 'docs'), { recursive: true });
		fs.writeFileSync(path.join(__dirname, '..', 'docs', 'benchmarks.md'), md);
		log('Written to docs/benchmarks.md');
	} finally {
		await emu.stop();
	}
}

main().catch((error) => {
	log(String(error && error.stack ? error.stack : error));
	process.exitCode = 1;
});
