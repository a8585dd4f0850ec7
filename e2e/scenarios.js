#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * The trigger and the token renewal under real n8n, in minutes: the packed package in n8n 2.41.1 with
 * its default scheduler, n8n 2.41.1 with the durable scheduler, and n8n 1.123.81, each its own process
 * (own user folder, ports and Zoho emulator), all three at once.
 *
 *   node e2e/scenarios.js [--configs 2,2d,1] [--phases triggers,token,restart] [--log-level info|debug] [--tarball FILE] [--keep]
 *
 * Per configuration, in one n8n instance:
 *  1. trigger scenarios side by side, one workflow each (the trigger example, every minute, records of
 *     its own): a) steady, an email every 20 s for 4 minutes; b) slow Zoho, every Emails list answers
 *     after 20-40 s and a poll reads two pages, so it outlasts the minute; c) burst, 70 emails at once
 *     with Fetch Full Email and 1 s per full read; d) activation, emails in the first minute after it;
 *  2. f) token expiry under load: 64 webhook executions x 10 CRM sends in 8 waves while the token expires;
 *  3. e) reactivate and restart: deactivate and activate again; SIGTERM in the middle of a poll, start
 *     again; SIGKILL in the middle of a poll, start again.
 *
 * Counts emissions from n8n's executions (public API) against the emails added to the emulator, and
 * the token requests, throttle refusals and failed items from the emulator and the executions. Prints
 * one table; exits 1 when a scenario shows a duplicate or a lost email (a re-delivery after SIGKILL
 * within n8n's at-least-once window is reported, not failed), a failed item, a throttle refusal or more
 * than one token request per expiry in the process.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { Emulator } = require('./lib/emulator');
const { credentialEntry } = require('./lib/examples');
const { VERSIONS, ensureInstalled, installPackage } = require('./lib/n8n');
const { buildAndPack, listTarball } = require('./lib/pack');
const { freePort, seconds } = require('./lib/proc');
const { explain } = require('./lib/failure');
const { Report, failureText } = require('./lib/suite');
const { CONFIGS, ScenarioN8n } = require('./lib/scenario-n8n');
const { TOKEN_CREDENTIAL, writeScenarioWorkflows } = require('./lib/scenario-workflows');
const { parallelTriggerScenarios } = require('./lib/scenario-triggers');
const { restartScenario } = require('./lib/scenario-restart');
const { TOKEN_PLANS, tokenScenario } = require('./lib/scenario-tokens');

/** @typedef {import('./lib/scenario-triggers').TriggerRow} TriggerRow */
/** @typedef {import('./lib/scenario-tokens').TokenRow} TokenRow */

const args = process.argv.slice(2);
/** @param {string} name */
const option = (name) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const keep = args.includes('--keep');
const givenTarball = option('--tarball');
const wanted = (option('--configs') ?? CONFIGS.map((c) => c.key).join(',')).split(',');
const configs = CONFIGS.filter((c) => wanted.includes(c.key));
const PHASES = ['triggers', 'token', 'restart'];
const phases = (option('--phases') ?? PHASES.join(',')).split(',');
const logLevel = option('--log-level') ?? 'info';
if (configs.length === 0 || configs.length !== wanted.length || !phases.every((p) => PHASES.includes(p)) || !['info', 'debug'].includes(logLevel)) {
	console.error(`usage: node e2e/scenarios.js [--configs ${CONFIGS.map((c) => c.key).join(',')}] [--phases ${PHASES.join(',')}] [--log-level info|debug] [--tarball FILE] [--keep]`);
	process.exit(2);
}

const report = new Report();
const log = report.log.bind(report);

/**
 * n8n's CLI imports and start-up are CPU-bound: three at once on two cores took several times longer
 * than one after the other, so each configuration sets up alone, then runs its scenarios beside the others.
 */
let setupTurn = Promise.resolve();
/** @template T @param {() => Promise<T>} fn @returns {Promise<T>} */
function oneAtATime(fn) {
	const run = setupTurn.then(fn);
	setupTurn = run.then(
		() => undefined,
		() => undefined,
	);
	return run;
}

/**
 * Everything for one configuration: its emulator, its n8n, the three phases.
 * @param {import('./lib/scenario-n8n').Config} cfg
 * @param {{ tmp: string, tarball: string }} shared
 * @returns {Promise<{ triggers: TriggerRow[], tokens: TokenRow[], errors: string[], logFile: string }>}
 */
async function runConfig(cfg, shared) {
	const scopeLog = (/** @type {string} */ line) => log(`[${cfg.key}] ${line}`);
	const dir = path.join(shared.tmp, `config-${cfg.key}`);
	const emulator = await new Emulator(await freePort()).start();
	const n8n = new ScenarioN8n({
		major: cfg.major,
		userFolder: path.join(dir, 'n8n'),
		port: await freePort(),
		brokerPort: await freePort(),
		extraEnv: cfg.env,
		logLevel,
		logFile: `${shared.tmp}-${cfg.key}.log`,
	});
	/** @type {TriggerRow[]} */
	const triggers = [];
	/** @type {TokenRow[]} */
	const tokens = [];
	/** @type {string[]} */
	const errors = [];
	try {
		await installPackage(n8n.userFolder, shared.tarball);
		const triggerTokens = await emulator.tokens();
		const loadTokens = await emulator.tokens();
		const base = { url: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret };
		const credFile = path.join(dir, 'credentials.json');
		fs.writeFileSync(credFile, JSON.stringify([credentialEntry({ ...base, tokens: triggerTokens }), credentialEntry({ ...base, tokens: loadTokens, ...TOKEN_CREDENTIAL })]));
		const apiKey = await oneAtATime(async () => {
			let t = Date.now();
			await n8n.importCredentials(credFile);
			await n8n.importWorkflows(writeScenarioWorkflows(path.join(dir, 'workflows')));
			scopeLog(`imported credentials and workflows in ${seconds(Date.now() - t)}`);
			t = Date.now();
			await n8n.start();
			const cookie = await n8n.ownerSession({ email: 'owner@example.com', password: 'E2eOwnerPassw0rd', firstName: 'E2E', lastName: 'Owner' });
			const key = await n8n.createApiKey(cookie);
			scopeLog(`n8n ${n8n.version} up in ${seconds(Date.now() - t)}`);
			return key;
		});
		const ctx = { cfg, n8n, emulator, apiKey, log: scopeLog, triggerName: 'Zoho Email Trigger' };

		const phase = async (/** @type {string} */ key, /** @type {string} */ name, /** @type {() => Promise<void>} */ fn) => {
			if (!phases.includes(key)) return;
			const started = Date.now();
			try {
				await fn();
			} catch (error) {
				errors.push(`${name}: ${failureText(error)}`);
				scopeLog(`${name} failed: ${failureText(error)}`);
			}
			scopeLog(`${name} took ${seconds(Date.now() - started)}`);
		};
		await phase('triggers', 'trigger scenarios a-d', async () => {
			triggers.push(...(await parallelTriggerScenarios(ctx)));
		});
		await phase('token', 'token scenario f', async () => {
			tokens.push(await tokenScenario(ctx, TOKEN_PLANS.load, String(loadTokens.refresh_token)));
		});
		await phase('restart', 'restart scenario e', async () => {
			triggers.push(await restartScenario(ctx));
		});
		// n8n has just started again: its process has not renewed the token scenario's credential yet.
		await phase('token', 'token scenario f2', async () => {
			tokens.push(await tokenScenario(ctx, TOKEN_PLANS.freshProcess, String(loadTokens.refresh_token)));
		});
	} catch (error) {
		errors.push(failureText(error));
	} finally {
		await n8n.stopWith('SIGTERM').catch(() => undefined);
		await emulator.stop();
		n8n.saveLog();
	}
	return { triggers, tokens, errors, logFile: n8n.logFile };
}

/**
 * @param {string[][]} rows first row is the header
 */
function table(rows) {
	const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
	return rows.map((r) => r.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')).join('\n');
}

async function main() {
	const majors = [...new Set(configs.map((c) => c.major))];
	try {
		for (const major of majors) {
			const ms = await ensureInstalled(major, log);
			log(`n8n ${VERSIONS[major].version} ${ms ? `installed in ${seconds(ms)}` : 'already installed (cache)'}`);
		}
	} catch (error) {
		for (const line of explain(error)) console.error(line);
		process.exitCode = 1;
		return;
	}
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-scenarios-'));
	/** @type {Array<Awaited<ReturnType<typeof runConfig>> & { cfg: import('./lib/scenario-n8n').Config }>} */
	let results = [];
	try {
		const t = Date.now();
		const { tarball } = givenTarball ? await listTarball(path.resolve(givenTarball)) : await buildAndPack(tmp);
		log(`build + pack ${seconds(Date.now() - t)}: ${path.basename(tarball)}; running ${configs.map((c) => c.label).join(', ')} at once`);
		results = await Promise.all(configs.map(async (cfg) => ({ cfg, ...(await runConfig(cfg, { tmp, tarball })) })));
	} catch (error) {
		report.check('[setup]', 'scenario suite setup', false, failureText(error, { stack: true }));
	} finally {
		if (keep) log(`kept ${tmp}`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}

	console.log('\nTrigger scenarios (emails counted by Zoho message id over the trigger executions):');
	const triggerRows = results.flatMap((r) => r.triggers);
	console.log(
		table([
			['config', 'scenario', 'added', 'emitted', 'duplicates', 'lost', 're-delivered', 'notes'],
			...triggerRows.map((r) => [r.config, r.scenario, String(r.added), String(r.emitted), String(r.duplicates), String(r.lost), r.redelivered === undefined ? '-' : String(r.redelivered), r.notes.join('; ')]),
		]),
	);
	console.log('\nToken scenarios (one n8n process per configuration; token requests of the scenario\'s own credential):');
	const tokenRows = results.flatMap((r) => r.tokens);
	console.log(
		table([
			['config', 'scenario', 'token expiries', 'token requests', 'refused by the throttle', 'failed items', 'notes'],
			...tokenRows.map((r) => [r.config, r.scenario, String(r.expiries), String(r.tokenRequests), String(r.throttled), `${r.failedItems}/${r.items}`, r.notes.join('; ')]),
		]),
	);
	console.log(`\nconfigs: ${configs.map((c) => `${c.key} = ${c.label}`).join('; ')}`);
	console.log('re-delivered: emails emitted again after a SIGKILL, in n8n\'s at-least-once window (the execution was saved, the trigger\'s state not yet): reported, not failed.\n');

	for (const r of results) {
		const scope = `[${r.cfg.key}]`;
		for (const row of r.triggers) report.check(scope, `${row.scenario}: every email exactly once`, row.ok, `added ${row.added}, emitted ${row.emitted}, duplicates ${row.duplicates}, lost ${row.lost}`);
		for (const t of r.tokens) {
			report.check(scope, `${t.scenario}: no failed item, no throttle refusal, at most one token request per expiry`, t.ok, `${t.expiries} expiries, ${t.tokenRequests} token requests, ${t.throttled} refused, ${t.failedItems} failed items`);
		}
		for (const e of r.errors) report.check(scope, 'scenario run', false, e);
		if (report.failed > 0 || keep) console.log(`${scope} n8n's full log: ${r.logFile}`);
		else fs.rmSync(r.logFile, { force: true });
	}
	log(`done in ${seconds(Date.now() - report.started)}`);
	report.close();
}

void main();
