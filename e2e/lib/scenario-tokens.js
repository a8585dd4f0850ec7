// @ts-check
'use strict';

const { isTokenEndpoint } = require('./emulator');
const { listExecutions, runError } = require('./checks');
const { outputItems } = require('./report');
const { seconds, sleep, waitFor } = require('./proc');
const { SEND_RECORD, TOKEN_WEBHOOK_PATH, TOKEN_WORKFLOW_ID } = require('./scenario-workflows');
const { activate, deactivate } = require('./scenario-triggers');

/**
 * Scenario f: many executions of a webhook workflow send CRM emails at once while the access token
 * expires. Every expiry may cost one token request in this n8n process; the throttle (10 per 10
 * minutes per refresh token) must never refuse one, and no item may fail.
 *
 * f) under load: the token the credential holds when the load starts reaches the end of its life 20 s
 * in (the emulator expires the tokens issued before the load; tokens issued since stay valid, as a real
 * token's lifetime works). On n8n 2.x every token is expired again 40 s in. n8n 1.x renews the token on
 * every 401 whatever the node asks, so the node renews it ahead of its expiry there, and an expiry of a
 * token it renewed a moment ago (a revocation, not an expiry) is not part of the 1.x run.
 * f2) fresh process: right after n8n started again (scenario e), with the token already expired, a
 * smaller load: the first requests of the process meet the expired token.
 *
 * @typedef {import('./scenario-triggers').Ctx} Ctx
 * @typedef {{ config: string, scenario: string, expiries: number, tokenRequests: number, throttled: number, failedItems: number, items: number,
 *   executions: number, unauthorized: number, duplicateSends: number, notes: string[], ok: boolean }} TokenRow
 * @typedef {{ key: string, waves: number, expireBefore: boolean, expireAt: Array<{ ms: number, all: boolean, majors: number[] }> }} TokenPlan
 */

const EXECUTIONS_PER_WAVE = 8;
const ITEMS = 10;
const WAVE_GAP_MS = 7000;

/** @type {Record<'load' | 'freshProcess', TokenPlan>} */
const TOKEN_PLANS = {
	load: {
		key: 'f) token expiry under load',
		waves: 8,
		expireBefore: false,
		expireAt: [
			{ ms: 20000, all: false, majors: [1, 2] },
			{ ms: 40000, all: true, majors: [2] },
		],
	},
	freshProcess: { key: 'f2) fresh process, token expired', waves: 2, expireBefore: true, expireAt: [] },
};

/** @param {any} e */
const isDone = (e) => !['new', 'running', 'waiting', 'unknown'].includes(String(e.status));

/**
 * @param {Ctx} ctx
 * @param {TokenPlan} plan
 * @param {string} refreshToken the token scenario credential's refresh token
 * @returns {Promise<TokenRow>}
 */
async function tokenScenario(ctx, plan, refreshToken) {
	const { emulator, n8n, log } = ctx;
	// Zoho's concurrency limits would only add 429s and retries here: this scenario is about tokens.
	await emulator.admin('POST', 'limits', { concurrency: 100000, mailConcurrency: 100000 });
	// Slow answers, token endpoint included: renewals overlap many requests in flight.
	await emulator.admin('POST', 'latency', { ms: 300 });
	const before = (await listExecutions(n8n, ctx.apiKey, TOKEN_WORKFLOW_ID, false)).length;
	await activate(ctx, TOKEN_WORKFLOW_ID);
	// The production webhook is registered a moment after activation: a PUT then answers "Did you mean POST".
	await waitFor('the webhook registration', async () => {
		const res = await fetch(`${n8n.url}/webhook/${TOKEN_WEBHOOK_PATH}`, { method: 'PUT' });
		return res.status === 404 && /make a POST request/.test(await res.text());
	}, { timeoutMs: 150000, intervalMs: 250 });
	await emulator.clearRequests();

	let expiries = 0;
	const t0 = Date.now();
	const expire = async (/** @type {number | undefined} */ issuedBefore, /** @type {string} */ what) => {
		await emulator.expireTokens(issuedBefore);
		expiries++;
		log(`${plan.key}: ${what} expired ${seconds(Date.now() - t0)} into the load`);
	};
	if (plan.expireBefore) await expire(undefined, 'every token');
	const expiring = (async () => {
		for (const e of plan.expireAt) {
			if (!e.majors.includes(ctx.cfg.major)) continue;
			await sleep(Math.max(0, t0 + e.ms - Date.now()));
			await expire(e.all ? undefined : t0, e.all ? 'every token' : 'the tokens issued before the load');
		}
	})();
	/** @type {Array<{ status: number }>} */
	const calls = [];
	for (let wave = 0; wave < plan.waves; wave++) {
		await sleep(Math.max(0, t0 + wave * WAVE_GAP_MS - Date.now()));
		const sent = await Promise.all(
			Array.from({ length: EXECUTIONS_PER_WAVE }, async (_, k) => {
				const run = wave * EXECUTIONS_PER_WAVE + k;
				const items = Array.from({ length: ITEMS }, (_, n) => ({ run, n, subject: `token-load ${plan.key.slice(0, 2)} r${run} i${n}` }));
				const res = await fetch(`${n8n.url}/webhook/${TOKEN_WEBHOOK_PATH}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ run, items }),
				});
				await res.text();
				return { status: res.status };
			}),
		);
		calls.push(...sent);
	}
	await expiring;
	const expected = plan.waves * EXECUTIONS_PER_WAVE;
	await waitFor(`${expected} finished executions`, async () => (await listExecutions(n8n, ctx.apiKey, TOKEN_WORKFLOW_ID, false)).filter(isDone).length >= before + expected, {
		timeoutMs: 180000,
		intervalMs: 2000,
	}).catch(() => undefined);
	log(`${plan.key}: load done ${seconds(Date.now() - t0)} after it started`);
	await deactivate(ctx, TOKEN_WORKFLOW_ID);
	await emulator.admin('POST', 'latency', { ms: 0 });
	await emulator.admin('POST', 'limits', { concurrency: 10, mailConcurrency: 10 });

	// Items: each execution sends ITEMS emails; one counts when Zoho gave it a message id.
	const executions = (await listExecutions(n8n, ctx.apiKey, TOKEN_WORKFLOW_ID, true)).filter((e) => Date.parse(e.startedAt) >= t0 - 1000);
	let sentOk = 0;
	/** @type {string[]} */
	const errors = [];
	for (const e of executions) {
		const error = runError(e);
		if (e.status !== 'success' || error) errors.push(`${e.id}: ${e.status} ${error}`.slice(0, 200));
		sentOk += outputItems(e, 'Send').filter((i) => typeof i.json?.message_id === 'string' || typeof i.json?.details?.message_id === 'string').length;
	}
	const items = expected * ITEMS;
	const accepted = calls.filter((c) => c.status === 200).length;

	// The emulator's view: this credential's renewals, the throttle's refusals, sends that met an expired
	// token (only this workflow sends to SEND_RECORD), each email sent once.
	const requests = await emulator.requests();
	const renewals = requests.filter((r) => isTokenEndpoint(r) && r.raw.body?.refresh_token === refreshToken);
	const throttled = renewals.filter((r) => r.raw.response?.error === 'Access Denied').length;
	const sendPath = `/crm/v8/Contacts/${SEND_RECORD}/actions/send_mail`;
	const unauthorized = requests.filter((r) => r.path === sendPath && r.status === 401).length;
	/** @type {Map<string, number>} */
	const subjects = new Map();
	for (const m of await emulator.admin('GET', 'mails')) {
		const subject = String(m.payload?.data?.[0]?.subject ?? m.payload?.subject ?? '');
		if (subject.startsWith(`token-load ${plan.key.slice(0, 2)} `)) subjects.set(subject, (subjects.get(subject) ?? 0) + 1);
	}
	const duplicateSends = [...subjects.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
	const failedItems = items - sentOk;
	/** @type {string[]} */
	const notes = [`${executions.length}/${expected} executions (${accepted} webhook calls accepted), ${items} items`, `${unauthorized} send(s) met an expired token`];
	if (duplicateSends) notes.push(`${duplicateSends} email(s) sent twice`);
	if (errors.length) notes.push(`failed executions: ${errors.slice(0, 2).join(' | ')}`);
	return {
		config: ctx.cfg.key,
		scenario: plan.key,
		expiries,
		tokenRequests: renewals.length,
		throttled,
		failedItems,
		items,
		executions: executions.length,
		unauthorized,
		duplicateSends,
		notes,
		ok: failedItems === 0 && throttled === 0 && renewals.length <= expiries && duplicateSends === 0 && executions.length === expected && errors.length === 0,
	};
}

module.exports = { tokenScenario, TOKEN_PLANS };
