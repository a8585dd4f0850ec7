// @ts-check
'use strict';

const { emissions, tally } = require('./emissions');
const { seconds, sleep, waitFor } = require('./proc');
const { TRIGGER_SCENARIOS, workflowId } = require('./scenario-workflows');

/**
 * The trigger scenarios a-d of e2e/scenarios.js, side by side in one n8n instance as separate workflows
 * (each watches records of its own), and what the restart scenario (scenario-restart.js) shares with them.
 *
 * @typedef {import('./scenario-workflows').TriggerScenario} TriggerScenario
 * @typedef {import('./scenario-n8n').Config} Config
 * @typedef {{ cfg: Config, n8n: import('./scenario-n8n').ScenarioN8n, emulator: import('./emulator').Emulator, apiKey: string,
 *   log: (line: string) => void, triggerName: string }} Ctx
 * @typedef {{ config: string, scenario: string, added: number, emitted: number, duplicates: number, lost: number,
 *   redelivered?: number, notes: string[], ok: boolean }} TriggerRow
 */

/** The emulator path of a record's Emails list. @param {TriggerScenario} s @param {string} recordId */
const emailsPath = (s, recordId) => `/crm/v8/${s.module}/${recordId}/Emails`;

/** Waits until `ms` after `t0`. @param {number} t0 @param {number} ms */
const at = (t0, ms) => sleep(Math.max(0, t0 + ms - Date.now()));

/**
 * `count` emails that just arrived, dated over the last `spanS` seconds up to Zoho's current second
 * (at most a few per second, as real mail arrives: generated emails would be dated back one second
 * each, before the trigger's last poll).
 * @param {number} count
 * @param {number} [spanS]
 */
function arriving(count, spanS = 1) {
	const nowS = Math.floor(Date.now() / 1000);
	return Array.from({ length: count }, (_, i) => ({
		subject: `Scenario email ${i + 1} of ${count}`,
		time: new Date((nowS - spanS + 1 + Math.floor((i * spanS) / count)) * 1000).toISOString(),
		content: '<p>Sent while the scenario ran.</p>',
	}));
}

/**
 * Adds emails that just arrived to a CRM record; returns their message ids.
 * @param {Ctx} ctx
 * @param {string} module
 * @param {string} recordId
 * @param {number} count
 * @param {number} [spanS]
 * @returns {Promise<string[]>}
 */
async function addArriving(ctx, module, recordId, count, spanS) {
	const res = await ctx.emulator.admin('POST', 'crm/emails', { module, recordId, emails: arriving(count, spanS) });
	return res.emails.map((/** @type {any} */ e) => String(e.message_id));
}

/**
 * Activates a workflow through the public API (n8n 2.x with the publication service activates it a
 * moment later, from its outbox).
 * @param {Ctx} ctx
 * @param {string} id
 */
async function activate(ctx, id) {
	const res = await ctx.n8n.http('POST', `/api/v1/workflows/${id}/activate`, { apiKey: ctx.apiKey });
	if (res.status !== 200) throw new Error(`activate ${id}: ${res.status} ${res.text.slice(0, 300)}`);
}

/** @param {Ctx} ctx @param {string} id */
async function deactivate(ctx, id) {
	const res = await ctx.n8n.http('POST', `/api/v1/workflows/${id}/deactivate`, { apiKey: ctx.apiKey });
	if (res.status !== 200) throw new Error(`deactivate ${id}: ${res.status} ${res.text.slice(0, 300)}`);
}

/**
 * Requests the emulator saw for a scenario's Emails lists (its polls): how many Zoho answered with
 * success (a 401 for an expired token is followed by the same read after the renewal), and whether one
 * is still unanswered.
 * @param {Ctx} ctx
 * @param {TriggerScenario} s
 */
async function listReads(ctx, s) {
	const paths = new Set(s.records.map((r) => emailsPath(s, r)));
	const reads = (await ctx.emulator.requests()).filter((r) => r.method === 'GET' && paths.has(r.path));
	return { answered: reads.filter((r) => r.status !== undefined && r.status < 300).length, inFlight: reads.some((r) => r.status === undefined) };
}

/**
 * Waits until the activation poll of a scenario has read its Emails lists and had its answers: its
 * starting point is Zoho's clock in those answers, so an email added before they came back can count
 * as already there when the trigger was activated.
 * @param {Ctx} ctx
 * @param {TriggerScenario} s
 */
async function activationPoll(ctx, s) {
	await waitFor(`the activation poll of ${s.key}`, async () => {
		const reads = await listReads(ctx, s);
		return reads.answered >= s.records.length && !reads.inFlight;
	}, { timeoutMs: 120000, intervalMs: 250 });
}

/**
 * From this instance's log: polls of the workflow that n8n cut off (its log names the workflow), and
 * polls the trigger skipped because the previous one was still running (its log line does not name the
 * workflow: counted for the whole instance).
 * @param {Ctx} ctx
 * @param {string} id
 */
function pollNotes(ctx, id) {
	let abandoned = 0;
	let skipped = 0;
	for (const line of ctx.n8n.allLogs().split('\n')) {
		if (line.includes('Poll exceeded its timeout and was abandoned') && line.includes(id)) abandoned++;
		if (line.includes('the previous poll is still running')) skipped++;
	}
	return { abandoned, skipped };
}

/**
 * Scenarios a-d. Returns one row per scenario.
 * @param {Ctx} ctx
 * @returns {Promise<TriggerRow[]>}
 */
async function parallelTriggerScenarios(ctx) {
	const { emulator, log } = ctx;
	const { steady, slow, burst, activation } = TRIGGER_SCENARIOS;
	const scenarios = [steady, slow, burst, activation];
	/** @type {Map<string, string[]>} */
	const added = new Map(scenarios.map((s) => [s.key, []]));
	/** @param {TriggerScenario} s @param {string} recordId @param {number} count @param {number} [spanS] */
	const add = async (s, recordId, count, spanS) => {
		added.get(s.key)?.push(...(await addArriving(ctx, s.module, recordId, count, spanS)));
	};

	// Activation polls: d last, so its first minute starts when its activation poll has been seen.
	for (const s of [steady, slow, burst]) await activate(ctx, workflowId(s));
	for (const s of [steady, slow, burst]) await activationPoll(ctx, s);
	await activate(ctx, workflowId(activation));
	await activationPoll(ctx, activation);
	const t0 = Date.now();
	log('a-d active; d polled on activation: its first minute starts now');

	// b: the next 8 reads of its records' Emails lists answer after 20-40 s (about four polls), then Zoho
	// is fast again and whatever is left must come out; c: each single-email read takes 1 s.
	for (const delayMs of [25000, 40000, 20000, 35000, 30000, 40000, 20000, 25000]) {
		await emulator.admin('POST', 'faults', { pathGlob: '/crm/v8/Leads/*/Emails', kind: 'delay', delayMs, times: 1 });
	}
	await emulator.admin('POST', 'faults', { pathGlob: `/crm/v8/${burst.module}/${burst.records[0]}/Emails/*`, kind: 'delay', delayMs: 1000, times: 0 });

	const timelines = [
		// a: one email every 20 s for 4 minutes, alternating between its records.
		(async () => {
			for (let i = 0; i < 12; i++) {
				await at(t0, i * 20000);
				await add(steady, steady.records[i % 2], 1);
			}
		})(),
		// b: more than a page (10) of new emails on one record, so a poll reads two slow pages.
		(async () => {
			await at(t0, 5000);
			await add(slow, slow.records[0], 12, 4);
			await add(slow, slow.records[1], 2);
			await at(t0, 95000);
			await add(slow, slow.records[0], 12, 4);
			await add(slow, slow.records[1], 1);
			await at(t0, 155000);
			await add(slow, slow.records[1], 3);
		})(),
		// c: 70 emails at once.
		(async () => {
			await at(t0, 10000);
			await add(burst, burst.records[0], 70, 7);
		})(),
		// d: three emails in the first minute after activation.
		(async () => {
			for (const ms of [5000, 25000, 45000]) {
				await at(t0, ms);
				await add(activation, activation.records[0], 1);
			}
		})(),
	];
	await Promise.all(timelines);
	log(`a-d: every email added ${seconds(Date.now() - t0)} after activation; waiting for the polls`);

	/** @type {Map<string, import('./emissions').Emitted>} */
	let emitted = new Map();
	const readAll = async () => {
		emitted = new Map();
		for (const s of scenarios) emitted.set(s.key, await emissions(ctx.n8n, ctx.apiKey, workflowId(s), ctx.triggerName));
	};
	const allOut = () => scenarios.every((s) => tally(added.get(s.key) ?? [], emitted.get(s.key)?.byMessage ?? new Map()).lost === 0);
	// The last emails (a at 220 s, b at 185 s on two slow pages) need the next poll or two.
	await waitFor('every email of a-d to be emitted', async () => {
		await readAll();
		return allOut();
	}, { timeoutMs: Math.max(0, t0 + 400000 - Date.now()), intervalMs: 10000 }).catch(() => undefined);
	log(`a-d: ${allOut() ? 'every email emitted' : 'gave up waiting'} ${seconds(Date.now() - t0)} after activation`);
	for (const s of scenarios) await deactivate(ctx, workflowId(s));
	await readAll();

	return scenarios.map((s) => {
		const t = tally(added.get(s.key) ?? [], emitted.get(s.key)?.byMessage ?? new Map());
		const e = emitted.get(s.key);
		const { abandoned, skipped } = pollNotes(ctx, workflowId(s));
		/** @type {string[]} */
		const notes = [`${e?.executions ?? 0} execution(s)`];
		if (skipped && s === slow) notes.push(`${skipped} poll(s) skipped in this n8n (any scenario): the previous one was still running`);
		if (abandoned) notes.push(`${abandoned} poll(s) cut off by n8n's poll timeout`);
		if (e?.failed.length) notes.push(`failed executions: ${e.failed.slice(0, 3).join(', ')}`);
		if (t.unexpected) notes.push(`${t.unexpected} emitted email(s) that were not added`);
		return { config: ctx.cfg.key, scenario: `${s.key}) ${s.title}`, ...t, notes, ok: t.duplicates === 0 && t.lost === 0 && t.unexpected === 0 && !e?.failed.length };
	});
}

module.exports = { parallelTriggerScenarios, activate, deactivate, activationPoll, addArriving, emailsPath, listReads };
