// @ts-check
'use strict';

/**
 * Throughput of sends against the emulator in its own process: the Zoho Email node through n8n-core's
 * engine, and a bare node:http loop posting the same JSON, run in the same process and the same run.
 */
const http = require('http');
const { engine, SEED, crmSend } = require('./lib');

const MAIL_BODY = JSON.stringify({
	data: [{ from: { user_name: 'Patricia Boyle', email: 'patricia.boyle@zylker.com' }, to: [{ user_name: 'Jason Smith', email: 'j.smith@example.com' }], subject: 'Benchmark', content: 'Hello', mail_format: 'html' }],
});

/** The credential for the remote emulator, with a fresh token. */
async function remoteCredential(/** @type {any} */ remote) {
	return {
		clientId: remote.clientId,
		clientSecret: remote.clientSecret,
		dataCenter: 'custom',
		customAccountsUrl: remote.url,
		customApiUrl: remote.url,
		products: ['crm', 'bigin', 'books'],
		oauthTokenData: await remote.call('issueToken'),
	};
}

/**
 * `count` CRM sends (or GETs of `get(i)`) by a bare node:http loop, `concurrency` at once; `keepAlive`
 * false opens a connection per request as n8n-core's HTTP stack does. Resolves to { ms, ok, rateLimited }.
 */
async function bareLoop(
	/** @type {any} */ remote,
	{ count = 1000, concurrency = 10, keepAlive = true, recordId = SEED.kayleigh, get = /** @type {((i: number) => string) | undefined} */ (undefined) } = {},
) {
	const { access_token: token } = await remote.call('issueToken');
	const target = new URL(remote.url);
	const agent = new http.Agent({ keepAlive, maxSockets: concurrency });
	let issued = 0;
	const post = () =>
		new Promise((resolve, reject) => {
			const i = issued++;
			const headers = get ? { Authorization: `Zoho-oauthtoken ${token}` } : { Authorization: `Zoho-oauthtoken ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(MAIL_BODY) };
			const req = http.request(
				{ host: target.hostname, port: target.port, path: get ? get(i) : `/crm/v8/Contacts/${recordId}/actions/send_mail`, method: get ? 'GET' : 'POST', agent, headers },
				(res) => {
					res.resume();
					res.on('end', () => resolve(res.statusCode));
				},
			);
			req.on('error', reject);
			req.end(get ? undefined : MAIL_BODY);
		});
	let next = 0;
	let ok = 0;
	let rateLimited = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) {
				next++;
				const status = await post();
				if (status === 429) rateLimited++;
				else ok++;
			}
		}),
	);
	const ms = performance.now() - started;
	agent.destroy();
	return { ms, ok, rateLimited };
}

/** `count` CRM sends by the Zoho Email node (Continue On Fail on), `inFlight` undefined = the default. */
async function nodeRun(/** @type {any} */ remote, { count = 1000, inFlight = /** @type {number | undefined} */ (undefined), recordId = SEED.kayleigh } = {}) {
	const items = Array.from({ length: count }, (_, i) => ({ to: `r${i}@example.com` }));
	const credential = await remoteCredential(remote);
	const parameters = crmSend(recordId, { to: '={{ $json.to }}', ...(inFlight === undefined ? {} : { performance: { requestsInFlight: inFlight } }) });
	const started = performance.now();
	const result = await engine.runZohoNode({ parameters, items, credential, continueOnFail: true });
	const ms = performance.now() - started;
	return { ms, items: result.items, error: result.error };
}

/** Output item i paired with input i and carrying the message ID of the email sent to r<i>. */
async function checkOrder(/** @type {any} */ remote, /** @type {any[]} */ items) {
	const mails = /** @type {any[]} */ (await remote.call('mails'));
	const byMessage = new Map(mails.map((m) => [m.messageId, m.payload.to[0].email]));
	const inOrder = items.every((item, i) => item.pairedItem.item === i && byMessage.get(item.json.message_id) === `r${i}@example.com`);
	return { sent: mails.length, inOrder, unique: new Set(items.map((i) => i.json.message_id)).size };
}

module.exports = { bareLoop, nodeRun, checkOrder, remoteCredential };

/**
 * Two n8n workers (processes of their own) sending `count` emails each at the same moment, sharing the
 * emulator's one limit. Resolves to { ms, sent, failed, rateLimited, inOrder }.
 */
async function twoWorkers(/** @type {any} */ remote, { count = 500, inFlight = /** @type {number | undefined} */ (undefined) } = {}) {
	const { fork } = require('child_process');
	const path = require('path');
	const workers = await Promise.all(
		[0, 1].map(async (w) => {
			const credential = await remoteCredential(remote);
			const child = fork(path.join(__dirname, 'worker-child.js'), [JSON.stringify({ credential, count, inFlight, offset: w * count })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
			await new Promise((resolve, reject) => {
				child.once('message', resolve);
				child.once('exit', (code) => reject(new Error(`worker exited (${code})`)));
			});
			return child;
		}),
	);
	await remote.call('reset', { keepTokens: true });
	await remote.call('setLimits', { concurrency: 10, mailConcurrency: 10 });
	await remote.call('setLatency', 50);
	const started = performance.now();
	const done = workers.map((child) => new Promise((resolve) => child.once('message', resolve)));
	for (const child of workers) child.send('go');
	const results = /** @type {any[]} */ (await Promise.all(done));
	const ms = performance.now() - started;
	for (const child of workers) child.kill();
	const mails = /** @type {any[]} */ (await remote.call('mails'));
	const stats = /** @type {any} */ (await remote.call('stats'));
	const byMessage = new Map(mails.map((m) => [m.messageId, m.payload.to[0].email]));
	const inOrder = results.every((r, w) => r.ids.every((/** @type {string} */ id, /** @type {number} */ i) => byMessage.get(id) === `r${w * count + i}@example.com`));
	return { ms, sent: mails.length, failed: results.reduce((n, r) => n + r.failed, 0), rateLimited: stats.tooManyRequests, inOrder };
}

module.exports.twoWorkers = twoWorkers;

/**
 * `count` Books transaction emails (one invoice) by the Zoho Email node with the emulator's Books limit
 * on. Resolves to { ms, sent, failed, rateLimited }.
 */
async function booksBatch(/** @type {any} */ remote, { count = 300, perMinute = 100 } = {}) {
	await remote.call('reset');
	await remote.call('setLimits', { booksPerMinute: perMinute });
	const credential = await remoteCredential(remote);
	const parameters = {
		resource: 'booksEmail', operation: 'emailTransaction', organizationId: { __rl: true, mode: 'id', value: SEED.booksOrg }, transactionType: 'invoice',
		transactionId: { __rl: true, mode: 'id', value: SEED.booksInvoice }, to: '={{ $json.to }}',
	};
	const items = Array.from({ length: count }, (_, i) => ({ to: `b${i}@example.com` }));
	const started = performance.now();
	const result = await engine.runZohoNode({ parameters, items, credential, continueOnFail: true });
	const ms = performance.now() - started;
	const stats = /** @type {any} */ (await remote.call('stats'));
	const mails = /** @type {any[]} */ (await remote.call('mails'));
	const failed = result.items.filter((/** @type {any} */ item) => item.json.error !== undefined).length;
	return { ms, sent: mails.length, failed, rateLimited: stats.tooManyRequests, items: result.items.length };
}

module.exports.booksBatch = booksBatch;
