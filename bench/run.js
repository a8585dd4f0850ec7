// @ts-check
'use strict';

/**
 * `npm run bench`: API calls per operation, throughput against Zoho's concurrency limit beside a bare
 * HTTP loop, two workers sharing one limit, Books pacing, the cost of each layer, trigger cost and the
 * linear-cost table, all through n8n-core's engine against the emulator on 127.0.0.1 (in a process of
 * its own for every timed section). Prints Markdown tables and writes them to docs/benchmarks.md.
 * Measures only: it never fails on speed.
 */

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const os = require('os');

const { ALL_SCOPES } = require('../emulator/scopes');
const { engine, poll, startEmulator, SEED, FROM, crmSend, credential, apiCalls, loadHttpRequestNode, machine, rl } = require('./lib');
const { startRemoteEmulator } = require('./remote-emulator');
const sections = require('./throughput');

/** The trigger's "Records" list: one By ID picker per watched record. */
const watched = (/** @type {string[]} */ ids) => ({ record: ids.map((id) => ({ recordId: rl('id', id) })) });

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
			to: 'will@example.com', subject: 'Hi', content: 'Hello',
		}),
	);
	await add('Books: Email an Invoice (organization chosen)', 1, () =>
		runNode(emu, {
			resource: 'booksEmail', operation: 'emailTransaction', organizationId: rl('id', SEED.booksOrg), transactionType: 'invoice',
			transactionId: rl('id', SEED.booksInvoice), to: 'will@example.com',
		}),
	);
	// CRM drafts: one call each; Update reads the draft first, as Zoho clears what an update leaves out.
	const draft = (/** @type {string} */ operation, /** @type {object} */ rest = {}) => ({ resource: 'crmEmailDraft', operation, module: rl('name', 'Contacts'), recordId: rl('id', SEED.sage), ...rest });
	let draftId = '';
	await add('CRM: Create Email Draft', 1, async () => {
		const result = await runNode(emu, draft('create', { from: rl('address', FROM), to: 'sage.wieser@truhlar.example', subject: 'Follow-up', content: 'Hi Sage' }));
		draftId = String(result.items[0]?.json.id ?? '');
		return result;
	});
	await add('CRM: Get Email Draft', 1, () => runNode(emu, draft('get', { draftId })));
	await add('CRM: Get Many Email Drafts (all of a record)', 1, () => runNode(emu, draft('list', { returnAll: true })));
	await add('CRM: Update Email Draft (read, then update)', 2, () => runNode(emu, draft('update', { draftId, updateFields: { subject: 'Any questions?' } })));
	await add('CRM: Delete Email Draft', 1, () => runNode(emu, draft('delete', { draftId })));
	await add('CRM: Unblock Email Address (record by ID)', 1, () =>
		runNode(emu, { resource: 'crmEmail', operation: 'unblock', module: rl('name', 'Leads'), recordId: rl('id', '5725767000000501001'), unblockFields: ['Email'] }),
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
	const records = (/** @type {string[]} */ ids) => ({ source: 'crmRecords', module: rl('name', 'Contacts'), records: watched(ids) });
	/** An idle poll while one sent email is tracked for opens, bounces and replies, `newer` emails after it. */
	const tracking = async (/** @type {number} */ newer) => {
		emu.reset();
		const parameters = { ...records([SEED.maclead]), engagementEvents: ['opened', 'bounced', 'replied', 'noReply'] };
		const h = new poll.PollHarness({ parameters, credential: poll.emulatorCredential(emu) });
		await h.poll();
		const base = Math.floor(Date.now() / 1000) * 1000 + 60_000;
		emu.data.crm.addEmails('Contacts', SEED.maclead, Array.from({ length: newer + 1 }, (_, i) => ({ time: new Date(base + i * 1000).toISOString(), subject: `Sent ${i}` })));
		emu.setClock(base + 60_000);
		await h.poll();
		emu.clearRequests();
		const outcome = await h.poll();
		emu.setClock(null);
		return { calls: apiCalls(emu), error: outcome.error };
	};
	emu.reset();
	await add('Trigger: idle poll, 1 chosen record', 1, () => idle(records([SEED.maclead])));
	await add('Trigger: idle poll, 3 chosen records', 3, () => idle(records([SEED.maclead, SEED.sage, SEED.kayleigh])));
	await add('Trigger: idle poll, whole module', 1, () => idle({ source: 'crmModule', module: rl('name', 'Contacts') }));
	await add('Trigger: idle poll, Books invoices', 1, () => idle({ source: 'booksEmailed', organizationId: rl('id', SEED.booksOrg), transactionTypes: ['invoice'] }));
	// Sent Email Events: one sent email tracked, then idle; then 25 emails newer than it (three pages back).
	await add('Trigger: idle poll, 1 chosen record, Sent Email Events on', 1, () => tracking(0));
	await add('Trigger: idle poll, 1 chosen record, tracking an email 25 emails back', 3, () => tracking(25));
	await add('Trigger: idle poll, Books invoices, Viewed by the Customer on', 1, () => idle({ source: 'booksEmailed', organizationId: rl('id', SEED.booksOrg), transactionTypes: ['invoice'], customerViews: true }));
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
	// Emails already emitted are pruned from the emulator between polls, which keeps its list scans
	// short (the node reads them as it would).
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
	const load = os.loadavg();
	const http = loadHttpRequestNode();
	const emu = await startEmulator();
	const remote = await startRemoteEmulator();
	try {
		log(`Load average at start: ${load.map((l) => l.toFixed(2)).join(', ')}`);
		log('API calls per operation …');
		const calls = await callCounts(emu);
		log('Sends …');
		const speed = await sections.sends(remote);
		const httpNode = http ? await sections.httpRequestNode(remote) : [];
		log('Two workers, one limit …');
		const shared = await sections.sharedLimit(remote);
		log('Cost of each layer …');
		const layers = await sections.layers(remote);
		log('Trigger …');
		const trig = await trigger(emu);
		const reads = await sections.triggerReads(remote);
		log('Linear cost …');
		const lin = await sections.linear(remote);
		log('Books pacing …');
		const books = await sections.books(remote);
		const loadEnd = os.loadavg();
		const L = sections.LATENCY_MS;
		const C = sections.LIMIT;

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
			`- Load average (1, 5, 15 min) at start: ${load.map((l) => l.toFixed(2)).join(', ')}; at the end: ${loadEnd.map((l) => l.toFixed(2)).join(', ')}`,
			'',
			'**What to read as stable and what not.** Call counts are exact and do not depend on the machine. The',
			'"÷ bare loop" columns are ratios to a bare node:http loop measured in the same run against the same',
			'emulator, one round after the other (median of the rounds): they carry over to other machines far',
			'better than the absolute figures. Emails per second, milliseconds and MiB are this machine\'s absolute',
			'numbers under the load shown above: a shared, loaded machine lowers them, and the node (which needs',
			'more CPU per request than the bare loop) loses more than the loop when the machine is busy.',
			'',
			'Every timed section runs the emulator in a process of its own, so its CPU does not share an event',
			'loop with the node. The call-count table and the trigger table run it in the same process.',
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
			`## Sending 1,000 emails: ${L} ms latency, concurrency limit ${C}`,
			'',
			`The emulator answers every call after ${L} ms and refuses (HTTP 429) any request beyond ${C} in flight,`,
			`as Zoho does for mail (sub-concurrency about 10). Ceiling = ${C} / ${L} ms = ${int(sections.CEILING)} emails/s.`,
			'Median of 3 interleaved rounds; "÷ bare loop" is the ratio to the keep-alive loop of the same round.',
			'"Order, pairing" = output item *i* is paired with input item *i* and carries the message ID of *its* email.',
			'',
			table(['Run', 'Sent', '429 answers', 'Emails/s', '÷ bare loop', 'Of ceiling', 'Order, pairing'], [...speed, ...httpNode]),
			'',
			http
				? `The HTTP Request node is n8n's own class (\`HttpRequestV3\`, typeVersion 4.2) from n8n ${http.n8n} (n8n-nodes-base ${http.nodesBase}), loaded into n8n-core ${require('n8n-core/package.json').version}'s engine, sending the same JSON with a static \`Authorization: Bearer\` header and "On Error: Continue" (one run each, beside a bare loop run just before it). It starts every request of a batch without waiting for the previous answers and does not retry a 429, so unpaced runs lose the emails Zoho refuses.`
				: 'The HTTP Request comparison was skipped: the cached n8n 1.x install (n8n-nodes-base) is absent.',
			'',
			'## Two workers sharing one limit',
			'',
			`Two n8n processes (as two queue-mode workers) each run the node on 500 emails at the same moment against one`,
			`organization's limit of ${C} (${L} ms latency). Median of 3 rounds; each round's bare loop sends 1,000 emails ${C} at once.`,
			'',
			table(['Run', 'Items failed', '429 answers', 'Emails/s (both)', '÷ bare loop', 'Of ceiling', 'Order, pairing'], shared),
			'',
			'## Cost of each layer per email (0 ms latency, one at a time)',
			'',
			'500 sends per run, median of 3 interleaved rounds. Each row adds one layer to the one above: a new TCP',
			'connection per request (n8n-core\'s HTTP stack opens one), then n8n-core\'s engine, HTTP stack and the',
			'node with the credential resolved once (a benchmark-only memo in the test harness), then n8n-core',
			'resolving the credential for every request, as it does in n8n. CPU = this process (the emulator excluded).',
			'',
			table(['Run', 'ms per email', 'CPU ms per email', 'Added by this layer (ms)'], layers),
			'',
			'## Trigger',
			'',
			table(['Poll', 'Calls per poll', 'ms per poll', 'Emails per poll', 'Stored state (bytes)'], trig),
			'',
			'The 100,000-email run goes through 100 real polls; between polls the emulator drops the emails already',
			'emitted, which the node cannot tell apart from older mail.',
			'',
			`Chosen records are read concurrently (up to 10 Emails calls in flight). Idle polls at ${L} ms latency, median of 3,`,
			`beside a bare loop reading the same lists ${C} at once ("÷ bare loop" = the loop's time ÷ the poll's time):`,
			'',
			table(['Run', 'Calls', 'ms', '÷ bare loop'], reads),
			'',
			'## Cost grows linearly',
			'',
			'Each run in a process of its own at 0 ms latency (the emulator in another), after a warm-up that loads',
			'n8n-core and the node. Peak memory = the highest RSS during the run minus the RSS before it.',
			'',
			table(['Run', 'Size', 'Calls', 'Wall ms', 'ms per unit', 'Peak memory growth (MiB)'], lin),
			'',
			'## Books pacing',
			'',
			'Zoho Books allows 100 requests per minute per organization. With the emulator\'s Books limit on',
			'(`booksPerMinute` 100, a rolling minute), one execution emails the same invoice to 300 addresses. A real',
			'run, not time-scaled: the first 100 go at once, then the node waits for the window.',
			'',
			table(['Run', 'Sent', 'Items failed', '429 answers', 'Seconds', 'Emails per minute', '÷ 100/min'], books),
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
		await remote.stop();
	}
}

main().catch((error) => {
	log(String(error && error.stack ? error.stack : error));
	process.exitCode = 1;
});
