#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Scale-out scenario: the packed package in real n8n 2.41.1 (Node 24) running in queue mode — Redis,
 * one main and several workers sharing its user folder and database — against the Zoho emulator with
 * Zoho's concurrency limit (per organization, so shared by every worker).
 *
 *   node e2e/queue.js [--workers N] [--executions N] [--items N] [--latency MS] [--limit N] [--db postgres|sqlite]
 *                     [--tarball FILE] [--keep]
 *
 * The database is a throw-away PostgreSQL (Debian's, e2e/install-service.sh) shared by the main and
 * the workers; `--db sqlite` shares the main's SQLite file instead, which n8n only warns about but
 * which fails with SQLITE_BUSY once several workers write executions at once.
 *
 * 1. Load: a webhook workflow (Split Out, CRM send, CRM associate, CRM list) is called N times at once
 *    through the main; the main queues the executions and the workers run them. Every email must be
 *    sent and associated exactly once, every execution must succeed, and the throughput is compared
 *    with the ceiling the emulator's limit imposes (limit / latency).
 * 2. Trigger: the trigger example is activated; its polls run on the main only, the executions they
 *    emit run on the workers, and each new email is emitted exactly once across re-activations.
 *
 * Prints one line per check and the figures, then `N passed, N failed`; exits 1 on any failure.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { Emulator, isTokenEndpoint } = require('./lib/emulator');
const { loadExamples, writeCredential } = require('./lib/examples');
const { ensureInstalled, installPackage, VERSIONS } = require('./lib/n8n');
const { buildAndPack, listTarball } = require('./lib/pack');
const { freePort, seconds, sleep, waitFor } = require('./lib/proc');
const { itemsOf, listExecutions, runError, watchedIds } = require('./lib/checks');
const { explain } = require('./lib/failure');
const { Report, failureText } = require('./lib/suite');
const { ensurePostgres, ensureRedis, gateStats, loadWorkflow, Postgres, QueueN8n, Redis } = require('./lib/queue-mode');

const args = process.argv.slice(2);
/** @param {string} name @param {number} fallback */
const numberOption = (name, fallback) => {
	const i = args.indexOf(name);
	if (i < 0) return fallback;
	const value = Number(args[i + 1]);
	if (!Number.isInteger(value) || value < 0) {
		console.error(`${name} takes a whole number`);
		process.exit(2);
	}
	return value;
};
const WORKERS = Math.max(1, numberOption('--workers', 4));
const EXECUTIONS = Math.max(1, numberOption('--executions', 50));
const ITEMS = Math.max(1, numberOption('--items', 20));
const LATENCY_MS = numberOption('--latency', 50);
const LIMIT = Math.max(1, numberOption('--limit', 10));
const tarballIndex = args.indexOf('--tarball');
const givenTarball = tarballIndex >= 0 ? args[tarballIndex + 1] : undefined;
const keep = args.includes('--keep');
const dbIndex = args.indexOf('--db');
const DB = dbIndex >= 0 ? args[dbIndex + 1] : 'postgres';
if (DB !== 'postgres' && DB !== 'sqlite') {
	console.error('--db takes postgres or sqlite');
	process.exit(2);
}

const LOAD_ID = 'zohoQueueLoad01';
const LOAD_PATH = 'zoho-queue-load';
const TRIGGER_FILE = 'trigger-crm-records.json';

const report = new Report();
const log = report.log.bind(report);
/** @param {string} name @param {boolean} ok @param {string} [detail] */
const check = (name, ok, detail) => report.check('[queue]', name, ok, detail);
/** @param {string} name @param {() => Promise<void>} fn */
const guard = (name, fn) => report.guard('[queue]', name, fn);

/** @param {string} line */
function figure(line) {
	console.log(`     ${line}`);
}

/**
 * Which worker started each execution, from the workers' logs.
 * @param {QueueN8n} n8n
 */
function executionWorkers(n8n) {
	/** @type {Map<string, string[]>} */
	const byExecution = new Map();
	for (const worker of n8n.workers) {
		for (const id of worker.executions().started) byExecution.set(id, [...(byExecution.get(id) ?? []), worker.name]);
	}
	return byExecution;
}

/** @param {any} e */
const isDone = (e) => !['new', 'running', 'waiting', 'unknown'].includes(String(e.status));

/**
 * Phase 1: many webhook calls at once, spread over the workers.
 * @param {QueueN8n} n8n
 * @param {Emulator} emulator
 * @param {string} apiKey
 */
async function loadPhase(n8n, emulator, apiKey) {
	// Seeded data again; the credential's tokens must stay valid.
	await emulator.admin('POST', 'reset', { keepTokens: true });
	const limits = await emulator.admin('POST', 'limits', { concurrency: LIMIT, mailConcurrency: LIMIT });
	await emulator.admin('POST', 'latency', { ms: LATENCY_MS });
	log(`load: ${EXECUTIONS} executions x ${ITEMS} items over ${n8n.workers.length} workers; emulator limits ${JSON.stringify({ concurrency: limits.concurrency ?? LIMIT, mailConcurrency: limits.mailConcurrency ?? LIMIT })}, latency ${LATENCY_MS} ms`);

	// Activation registers the production webhook a moment after the API call returns: a PUT answers
	// "not registered for PUT requests. Did you mean to make a POST request?" once it is there.
	await waitFor(
		'the production webhook registration',
		async () => {
			const res = await fetch(`${n8n.url}/webhook/${LOAD_PATH}`, { method: 'PUT' });
			return res.status === 404 && /make a POST request/.test(await res.text());
		},
		{ timeoutMs: 60000, intervalMs: 250 },
	);

	const t0 = Date.now();
	const calls = await Promise.all(
		Array.from({ length: EXECUTIONS }, async (_, run) => {
			const items = Array.from({ length: ITEMS }, (_, n) => ({ run, n, subject: `queue-load r${run} i${n}` }));
			const res = await fetch(`${n8n.url}/webhook/${LOAD_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ run, items }),
			});
			return { status: res.status, text: await res.text() };
		}),
	);
	const accepted = calls.filter((c) => c.status === 200).length;
	check(`main accepted ${EXECUTIONS} webhook calls at once`, accepted === EXECUTIONS, `${accepted} x 200 in ${seconds(Date.now() - t0)}${accepted === EXECUTIONS ? '' : `; e.g. ${calls.find((c) => c.status !== 200)?.status} ${calls.find((c) => c.status !== 200)?.text.slice(0, 200)}`}`);

	if (accepted === 0) throw new Error('no webhook call was accepted');
	let lastCount = -1;
	const finished = await waitFor(
		`${EXECUTIONS} finished executions`,
		async () => {
			const list = await listExecutions(n8n, apiKey, LOAD_ID, false);
			const done = list.filter(isDone);
			if (done.length !== lastCount) {
				lastCount = done.length;
				log(`load: ${done.length}/${EXECUTIONS} executions finished`);
			}
			return done.length >= EXECUTIONS ? done : null;
		},
		{ timeoutMs: 240000, intervalMs: 2000 },
	).catch(() => null);
	const wallMs = Date.now() - t0;
	const executions = await listExecutions(n8n, apiKey, LOAD_ID, true);
	check(`all ${EXECUTIONS} executions finished`, Boolean(finished) && executions.length === EXECUTIONS, `${executions.length} execution(s), ${executions.filter(isDone).length} finished, wall ${seconds(wallMs)}`);

	// Outputs: every execution succeeded; every item sent and associated with a message id; list ran once.
	let itemsOk = 0;
	let itemsFailed = 0;
	/** @type {string[]} */
	const errors = [];
	for (const e of executions) {
		const error = runError(e);
		if (e.status !== 'success' || error) errors.push(`${e.id}: ${e.status} ${error}`);
		const runData = e.data?.resultData?.runData ?? {};
		/** @param {string} node */
		const out = (node) => /** @type {any[]} */ (runData[node]?.[0]?.data?.main?.[0] ?? []).map((x) => x.json);
		const sent = out('Send').filter((j) => j.status === 'success' && typeof j.message_id === 'string' && j.message_id.length > 0);
		const associated = out('Associate').filter((j) => j.status === 'success' && j.duplicate === false);
		const listed = itemsOf(e, 'List');
		const good = Math.min(sent.length, associated.length);
		itemsOk += good;
		itemsFailed += ITEMS - good;
		if (good === ITEMS && listed < 1) errors.push(`${e.id}: List produced no items`);
	}
	const expectedItems = EXECUTIONS * ITEMS;
	check('every execution succeeded', errors.length === 0 && executions.length === EXECUTIONS, errors.length ? `${errors.length} failed: ${errors.slice(0, 3).join(' | ')}` : `${executions.length} x success`);
	check('every item sent and associated with a message id (items failed = 0)', itemsFailed === 0 && itemsOk === expectedItems, `${itemsOk}/${expectedItems} items ok, ${itemsFailed} failed`);

	// The emulator's view: each subject sent once and associated once.
	const mails = /** @type {any[]} */ (await emulator.admin('GET', 'mails'));
	/** @param {string} kind */
	const subjectsOf = (kind) => {
		/** @type {Map<string, number>} */
		const counts = new Map();
		for (const m of mails) {
			if (m.kind !== kind) continue;
			const payload = m.payload ?? {};
			const subject = String(payload.subject ?? payload.data?.[0]?.subject ?? payload.Emails?.[0]?.subject ?? '');
			if (subject.startsWith('queue-load ')) counts.set(subject, (counts.get(subject) ?? 0) + 1);
		}
		return counts;
	};
	for (const kind of ['send', 'associate']) {
		const counts = subjectsOf(kind);
		const duplicates = [...counts.values()].filter((c) => c > 1).length;
		const missing = expectedItems - counts.size;
		check(
			`emulator: every email ${kind === 'send' ? 'sent' : 'associated'} exactly once`,
			duplicates === 0 && missing === 0,
			`${[...counts.values()].reduce((a, b) => a + b, 0)} ${kind} mail(s) for ${counts.size} distinct subjects; duplicates ${duplicates}, missing ${missing}`,
		);
	}

	// Distribution over the workers, from their own logs.
	const byExecution = executionWorkers(n8n);
	const ids = executions.map((e) => String(e.id));
	const unassigned = ids.filter((id) => !byExecution.has(id));
	const twice = ids.filter((id) => (byExecution.get(id) ?? []).length > 1);
	/** @type {Record<string, number>} */
	const perWorker = {};
	for (const w of n8n.workers) perWorker[w.name] = ids.filter((id) => (byExecution.get(id) ?? []).includes(w.name)).length;
	const busy = Object.values(perWorker).filter((n) => n > 0).length;
	check(
		'workers ran the executions (each exactly once), spread over several workers',
		unassigned.length === 0 && twice.length === 0 && busy >= Math.min(2, n8n.workers.length),
		`${Object.entries(perWorker).map(([w, n]) => `${w}: ${n}`).join(', ')}${unassigned.length ? `; not in any worker log: ${unassigned.slice(0, 5).join(', ')}` : ''}${twice.length ? `; in two worker logs: ${twice.join(', ')}` : ''}`,
	);
	const mainRan = /Worker started execution/.test(n8n.server?.output ?? '');
	check('the main ran no execution itself', !mainRan);

	// Figures: requests, 429s, throughput against the limit-imposed ceiling.
	const stats = await emulator.admin('GET', 'stats');
	const requests = (await emulator.requests()).filter((r) => !isTokenEndpoint(r));
	const ok = requests.filter((r) => r.status !== undefined && r.status >= 200 && r.status < 300).length;
	const tooMany = requests.filter((r) => r.status === 429).length;
	const other = requests.length - ok - tooMany;
	const starts = executions.map((e) => Date.parse(e.startedAt)).filter(Number.isFinite);
	const stops = executions.map((e) => Date.parse(e.stoppedAt)).filter(Number.isFinite);
	const startedAt = starts.length ? Math.min(...starts) : t0;
	const stoppedAt = stops.length ? Math.max(...stops) : Date.now();
	const spanS = Math.max(0.001, (stoppedAt - startedAt) / 1000);
	const throughput = ok / spanS;
	const ceiling = LATENCY_MS > 0 ? LIMIT / (LATENCY_MS / 1000) : Infinity;
	const minimumS = LATENCY_MS > 0 ? ok / ceiling : 0;
	const gates = n8n.workers.flatMap((w) => gateStats(w.service.output));
	const gateRetries = gates.reduce((s, g) => s + (g.rateLimited ?? 0), 0);
	const minAllowance = gates.length ? Math.min(...gates.map((g) => g.minAllowance ?? g.max)) : undefined;
	check('Zoho limit held: never more than the limit in flight at the emulator', stats.inFlightMaxByProduct.crm <= LIMIT, `inFlightMax ${stats.inFlightMaxByProduct.crm} (limit ${LIMIT})`);
	check('no API answer other than 2xx and 429', other === 0, `${other} other answers`);
	figure(`executions ${executions.length}; items ${expectedItems} (x send + associate) + ${EXECUTIONS} lists; items failed ${itemsFailed}`);
	figure(`API calls answered 2xx ${ok}; 429s seen ${tooMany} (emulator stats: ${stats.tooManyRequests}); ${gates.length ? `node gates logged ${gateRetries} rate-limited answers over ${gates.length} node runs, lowest allowance ${minAllowance}` : 'no gate stats (workers not at debug level)'}`);
	figure(`execution span ${seconds(spanS * 1000)} (first start to last stop), wall ${seconds(wallMs)} from the first webhook call`);
	figure(`throughput ${throughput.toFixed(1)} successful calls/s; ceiling ${Number.isFinite(ceiling) ? `${ceiling.toFixed(0)} calls/s (limit ${LIMIT} / ${LATENCY_MS} ms), i.e. ${((throughput / ceiling) * 100).toFixed(0)}% of the ceiling; ${ok} calls need at least ${seconds(minimumS * 1000)}` : 'none (no latency)'}`);
	figure(`executions per worker: ${Object.entries(perWorker).map(([w, n]) => `${w} ${n}`).join(', ')}`);
	return { executions: executions.length, itemsFailed, tooMany, throughput, ceiling, spanS };
}

/**
 * Phase 2: the poll trigger runs on the main, its executions on the workers, each email exactly once.
 * @param {QueueN8n} n8n
 * @param {Emulator} emulator
 * @param {string} apiKey
 * @param {{ id: string, triggerNode: any }} example
 */
async function triggerPhase(n8n, emulator, apiKey, example) {
	await emulator.admin('POST', 'reset', { keepTokens: true });
	const triggerName = example.triggerNode?.name ?? 'Zoho Email Trigger';
	const targets = watchedIds(example.triggerNode?.parameters);
	const module = 'Contacts';
	/** Polls the trigger at once: (re-)activation runs poll() immediately, with the stored cursor. */
	const poll = async (/** @type {string} */ why) => {
		await emulator.clearRequests();
		await n8n.http('POST', `/api/v1/workflows/${example.id}/deactivate`, { apiKey });
		const res = await n8n.http('POST', `/api/v1/workflows/${example.id}/activate`, { apiKey });
		if (res.status !== 200) throw new Error(`activate: ${res.status} ${res.text.slice(0, 300)}`);
		await waitFor(
			`the trigger poll (${why})`,
			async () => {
				const seen = new Set((await emulator.requests()).filter((r) => /\/Emails$/.test(r.path) && (r.status === 200 || r.status === 204)).map((r) => r.path));
				return seen.size >= targets.length;
			},
			{ timeoutMs: 30000, intervalMs: 250 },
		);
	};
	/** @returns {Promise<any[]>} */
	const triggerRuns = async () => (await listExecutions(n8n, apiKey, example.id, true)).filter((e) => e.mode === 'trigger');

	await poll('activation');
	// The activation poll only records where "new" starts (no backfill configured).
	await sleep(1500);
	const afterActivation = await triggerRuns();
	const added = [];
	for (const [i, recordId] of targets.entries()) {
		const res = await emulator.addCrmEmails(module, recordId, 3 - i);
		added.push(...(res.emails ?? []).map((/** @type {any} */ e) => String(e.message_id ?? e.id)));
	}
	log(`trigger: added ${added.length} emails to ${targets.length} contacts; polling again`);
	await poll('after new emails');
	const emitted = await waitFor(
		'a trigger execution with the new emails',
		async () => {
			const runs = (await triggerRuns()).filter((e) => isDone(e) && !afterActivation.some((a) => a.id === e.id));
			return runs.length ? runs : null;
		},
		{ timeoutMs: 30000, intervalMs: 500 },
	).catch(() => []);
	// Two more polls with nothing new: nothing may be emitted again.
	await poll('nothing new (1)');
	await poll('nothing new (2)');
	await sleep(3000);
	const all = (await triggerRuns()).filter((e) => !afterActivation.some((a) => a.id === e.id));
	const emittedIds = all.flatMap((e) => /** @type {any[]} */ (e.data?.resultData?.runData?.[triggerName]?.[0]?.data?.main?.[0] ?? []).map((x) => String(x.json?.message_id ?? x.json?.id)));
	const duplicates = emittedIds.length - new Set(emittedIds).size;
	const missing = added.filter((id) => !emittedIds.includes(id)).length;
	check(
		'trigger: each new email emitted exactly once over four polls',
		emitted.length >= 1 && emittedIds.length === added.length && duplicates === 0 && missing === 0 && all.every((e) => e.status === 'success'),
		`${all.length} trigger execution(s) (${all.map((e) => `${e.id} ${e.status}`).join(', ')}), ${emittedIds.length} item(s) for ${added.length} added; duplicates ${duplicates}, missing ${missing}; ${afterActivation.length} from the activation poll`,
	);
	const byExecution = executionWorkers(n8n);
	const ran = all.map((e) => `${e.id} on ${(byExecution.get(String(e.id)) ?? ['?']).join('+')}`);
	check('trigger: its executions ran on workers', all.length > 0 && all.every((e) => byExecution.has(String(e.id))), ran.join(', '));
	// Only the main polls: the workers never called poll() (their logs show no trigger activation).
	const workerPolls = n8n.workers.filter((w) => /Activated workflow|Polling trigger initiated|ZohoEmailTrigger.*poll/i.test(w.service.output));
	check('trigger: polled by the main only', workerPolls.length === 0, workerPolls.length ? `activation lines in ${workerPolls.map((w) => w.name).join(', ')}` : `${n8n.workers.length} workers, none activated it`);
	await n8n.http('POST', `/api/v1/workflows/${example.id}/deactivate`, { apiKey });
	return { executions: all.length, items: emittedIds.length, duplicates };
}

async function main() {
	log(`queue mode: n8n ${VERSIONS[2].version}, ${WORKERS} workers, ${EXECUTIONS} executions x ${ITEMS} items`);
	try {
		const installMs = await ensureInstalled(2, log);
		log(`n8n ${VERSIONS[2].version} ${installMs ? `installed in ${seconds(installMs)}` : 'already installed (cache)'}`);
		const redisMs = await ensureRedis(log);
		log(`redis-server ${redisMs ? `installed in ${seconds(redisMs)}` : 'already installed'}`);
		if (DB === 'postgres') {
			const pgMs = await ensurePostgres(log);
			log(`postgresql ${pgMs ? `installed in ${seconds(pgMs)}` : 'already installed'}`);
		}
	} catch (error) {
		for (const line of explain(error)) console.error(line);
		console.log(`${report.passed} passed, 1 failed`);
		process.exitCode = 1;
		return;
	}

	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-queue-'));
	/** @type {Emulator | null} */
	let emulator = null;
	/** @type {Redis | null} */
	let redis = null;
	/** @type {QueueN8n | null} */
	let n8n = null;
	/** @type {Postgres | null} */
	let postgres = null;
	// Not inside `tmp` (private to this user): the server may run as the postgres user.
	const pgDir = DB === 'postgres' ? fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-queue-pg-')) : '';
	try {
		let t = Date.now();
		const { tarball } = givenTarball ? await listTarball(path.resolve(givenTarball)) : await buildAndPack(tmp);
		log(`build + pack ${seconds(Date.now() - t)}: ${path.basename(tarball)}`);

		const emu = await new Emulator(await freePort()).start();
		emulator = emu;
		redis = await new Redis(path.join(tmp, 'redis'), await freePort()).start();
		log(`emulator at ${emu.url}; redis on 127.0.0.1:${redis.port} (pid ${redis.service?.pid})`);
		if (DB === 'postgres') {
			t = Date.now();
			postgres = await new Postgres(pgDir, await freePort()).start();
			log(`postgres on 127.0.0.1:${postgres.port} (pid ${postgres.service?.pid}) after ${seconds(Date.now() - t)}`);
		}

		const qn = new QueueN8n({ major: 2, userFolder: path.join(tmp, 'n8n'), port: await freePort(), brokerPort: await freePort(), redisPort: redis.port, database: postgres ? postgres.n8nEnv() : undefined, logFile: `${tmp}-n8n.log` });
		n8n = qn;
		await installPackage(qn.userFolder, tarball);
		const tokens = await emu.tokens();
		const credFile = writeCredential(path.join(tmp, 'cred.json'), { url: emu.url, clientId: emu.clientId, clientSecret: emu.clientSecret, tokens });
		const example = loadExamples().find((e) => e.file === TRIGGER_FILE);
		if (!example) throw new Error(`examples/${TRIGGER_FILE} not found`);
		const wfDir = path.join(tmp, 'workflows');
		fs.mkdirSync(wfDir, { recursive: true });
		fs.writeFileSync(path.join(wfDir, 'load.json'), JSON.stringify(loadWorkflow({ id: LOAD_ID, path: LOAD_PATH }), null, 2));
		fs.writeFileSync(path.join(wfDir, TRIGGER_FILE), JSON.stringify({ ...example.workflow, active: false }, null, 2));
		t = Date.now();
		await qn.importCredentials(credFile);
		await qn.importWorkflows(wfDir);
		log(`import credential + 2 workflows ${seconds(Date.now() - t)}`);

		t = Date.now();
		for (let i = 1; i <= WORKERS; i++) await qn.startWorker(`w${i}`, { logLevel: 'debug' });
		const mainMs = await qn.start();
		await qn.workersReady(120000);
		log(`main up (${seconds(mainMs)}), ${WORKERS} workers ready (pids ${qn.workers.map((w) => w.pid).join(', ')}) after ${seconds(Date.now() - t)}`);
		const sqliteWarning = /Scaling mode is not officially supported with sqlite/.test(qn.allLogs());
		figure(`database: ${postgres ? `PostgreSQL on 127.0.0.1:${postgres.port}` : 'SQLite'} shared by main and workers${sqliteWarning ? ' (n8n warns: "Scaling mode is not officially supported with sqlite")' : ''}`);

		const cookie = await qn.ownerSession({ email: 'owner@example.com', password: 'E2eOwnerPassw0rd', firstName: 'E2E', lastName: 'Owner' });
		const apiKey = await qn.createApiKey(cookie);
		const activated = await qn.http('POST', `/api/v1/workflows/${LOAD_ID}/activate`, { apiKey });
		check('load workflow activated on the main', activated.status === 200, activated.status === 200 ? '' : `${activated.status} ${activated.text.slice(0, 300)}`);

		await guard('load phase', async () => {
			t = Date.now();
			await loadPhase(qn, emu, apiKey);
			log(`load phase ${seconds(Date.now() - t)}`);
		});
		await guard('trigger phase', async () => {
			t = Date.now();
			await triggerPhase(qn, emu, apiKey, example);
			log(`trigger phase ${seconds(Date.now() - t)}`);
		});

		const dbErrors = qn.allLogs().split('\n').filter((l) => /SQLITE_BUSY|database is locked|deadlock detected|too many clients/i.test(l));
		check('no database lock or connection errors in any n8n log', dbErrors.length === 0, dbErrors.length ? `${dbErrors.length} line(s)` : '');
	} catch (error) {
		check('setup', false, failureText(error, { stack: true }));
	} finally {
		if (n8n) {
			await n8n.stopWorkers();
			await n8n.stop();
			n8n.saveLog();
		}
		if (postgres) await postgres.stop();
		if (pgDir) fs.rmSync(pgDir, { recursive: true, force: true });
		if (redis) await redis.stop();
		if (emulator) await emulator.stop();
		if (keep) log(`kept ${tmp}`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
	log(`done in ${seconds(Date.now() - report.started)}`);
	if (n8n && (report.failed > 0 || keep)) console.log(`n8n's full log (main and workers): ${n8n.logFile}`);
	else if (n8n) fs.rmSync(n8n.logFile, { force: true });
	report.close();
}

void main();
