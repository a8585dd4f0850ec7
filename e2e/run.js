#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * End-to-end suite: the packed package inside real n8n 2.x (Node 24) and 1.x (Node 20), against the
 * Zoho emulator. Every example workflow runs through `n8n execute`; an expired token is refreshed by
 * n8n; trigger examples are activated in a running n8n and must emit executions for new emails.
 *
 *   node e2e/run.js [--only 1|2] [--examples DIR] [--tarball FILE] [--keep]
 *
 * --examples runs another folder of workflows; --tarball installs a given package tarball instead of
 * building and packing this tree; --keep leaves the temp folder (n8n user folders, logs) in place.
 *
 * Prints one line per check, then `N passed, N failed`; exits 1 on any failure.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { Emulator, isTokenEndpoint, tokenOf } = require('./lib/emulator');
const { loadExamples, writeCredential, writeImportDir } = require('./lib/examples');
const { CACHE, N8n, VERSIONS, ensureInstalled, installPackage, PACKAGE_NAME } = require('./lib/n8n');
const { buildAndPack, listTarball } = require('./lib/pack');
const { freePort, seconds, waitFor } = require('./lib/proc');
const { emailTarget, itemsOf, runError, triggerExecutions } = require('./lib/checks');
const { checkBooksTrigger, isBooksTrigger } = require('./lib/books-trigger');
const { checkEngagementTrigger, isEngagementTrigger } = require('./lib/engagement-trigger');
const { explain } = require('./lib/failure');
const { suiteArgs } = require('./lib/args');
const { Report, failureText } = require('./lib/suite');

/** @typedef {import('./lib/examples').Example} Example */
/** @typedef {import('./lib/n8n').Major} Major */

const { option, majors, givenTarball, keep } = suiteArgs('node e2e/run.js [--only 1|2] [--examples DIR] [--tarball FILE] [--keep]');
const examplesDir = option('--examples');

const report = new Report();
const log = report.log.bind(report);
const check = report.check.bind(report);
const guard = report.guard.bind(report);

/** n8n logs kept for the closing lines (printed when a check failed, removed otherwise). */
/** @type {string[]} */
const logFiles = [];

/**
 * Checks one `n8n execute` run of an example: success, every Zoho node produced items, and the emulator
 * saw the node's requests signed with the current token.
 * @param {string} scope
 * @param {Example} ex
 * @param {{ code: number | null, ms: number, run: any, output: string }} result
 * @param {import('./lib/emulator').LoggedRequest[]} requests
 * @param {string} token
 */
function checkExecution(scope, ex, result, requests, token) {
	const error = runError(result.run);
	const ok = result.code === 0 && result.run?.status === 'success' && !error;
	check(scope, `${ex.file}: execution succeeded`, ok, ok ? seconds(result.ms) : `exit ${result.code}, status ${result.run?.status}: ${error || tail(result.output)}`);
	if (!ok) return false;
	const counts = ex.zohoNodes.map((n) => ({ name: n.name, items: itemsOf(result.run, n.name) }));
	const itemsOk = counts.length > 0 && counts.every((c) => c.items >= 1);
	check(scope, `${ex.file}: Zoho node output`, itemsOk, counts.map((c) => `${c.name}: ${c.items} item(s)`).join(', ') || 'no Zoho Email node in the workflow');
	const api = requests.filter((r) => !isTokenEndpoint(r));
	const signed = api.filter((r) => tokenOf(r) === token);
	const requestsOk = api.length >= 1 && signed.length === api.length;
	check(
		scope,
		`${ex.file}: emulator saw the node's requests with the current token`,
		requestsOk,
		`${api.length} request(s): ${api.map((r) => `${r.method} ${r.path} ${r.status ?? ''}`.trim()).join(', ')}${signed.length === api.length ? '' : ` (${api.length - signed.length} not signed with the current token)`}`,
	);
	return itemsOk && requestsOk;
}

/** @param {string} text */
function tail(text) {
	const lines = text.trim().split('\n');
	return lines.slice(-6).join(' | ').slice(0, 1500);
}

/**
 * The whole suite for one n8n major.
 * @param {Major} major
 * @param {{ tmp: string, tarball: string, emulator: Emulator, examples: Example[], failures: Example[] }} ctx
 */
async function suite(major, ctx) {
	const t0 = Date.now();
	const scope = `[n8n ${VERSIONS[major].version}]`;
	const { emulator, examples, failures } = ctx;
	const n8n = new N8n({
		major,
		userFolder: path.join(ctx.tmp, `n8n${major}`),
		port: await freePort(),
		brokerPort: await freePort(),
		// Outside the temp folder, so it is still there to read after a failed run.
		logFile: `${ctx.tmp}-n8n${major}.log`,
	});
	logFiles.push(n8n.logFile);
	const actions = examples.filter((e) => !e.trigger);
	const triggers = examples.filter((e) => e.trigger);
	try {
		const installed = await installPackage(n8n.userFolder, ctx.tarball);
		const packageJson = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));

		// Seeded data and fresh tokens per version; the credential points at the emulator for both hosts.
		await emulator.reset();
		const tokens = await emulator.tokens();
		let token = /** @type {string} */ (tokens.access_token);
		const credFile = writeCredential(path.join(ctx.tmp, `cred-${major}.json`), {
			url: emulator.url,
			clientId: emulator.clientId,
			clientSecret: emulator.clientSecret,
			tokens,
		});
		let t = Date.now();
		await n8n.importCredentials(credFile);
		log(`${scope} import:credentials (with migrations) ${seconds(Date.now() - t)}`);
		t = Date.now();
		await n8n.importWorkflows(writeImportDir([...examples, ...failures], path.join(ctx.tmp, `workflows-${major}`)));
		log(`${scope} import:workflow of ${examples.length} example(s) ${seconds(Date.now() - t)}`);
		check(scope, 'import credential and example workflows', true, `${examples.length} workflow(s)`);

		/** @type {Example | undefined} */
		let refreshCandidate;
		for (const ex of actions) {
			await guard(scope, `${ex.file}: execution`, async () => {
				await emulator.clearRequests();
				const result = await n8n.execute(ex.id);
				const requests = await emulator.requests();
				if (checkExecution(scope, ex, result, requests, token) && !refreshCandidate) refreshCandidate = ex;
			});
		}

		if (refreshCandidate) {
			const ex = refreshCandidate;
			await guard(scope, 'expired token refresh', async () => {
				await emulator.expireTokens();
				await emulator.clearRequests();
				const result = await n8n.execute(ex.id);
				const requests = await emulator.requests();
				const tokenCalls = requests.filter(isTokenEndpoint);
				const firstApi = requests.find((r) => !isTokenEndpoint(r));
				const afterRefresh = requests.slice(requests.findIndex(isTokenEndpoint) + 1).filter((r) => !isTokenEndpoint(r));
				const newToken = afterRefresh.length ? tokenOf(afterRefresh[0]) : '';
				const ok =
					result.code === 0 &&
					result.run?.status === 'success' &&
					tokenCalls.length === 1 &&
					firstApi !== undefined &&
					tokenOf(firstApi) === token &&
					firstApi.status === 401 &&
					newToken !== '' &&
					newToken !== token &&
					afterRefresh.every((r) => tokenOf(r) === newToken && (r.status === undefined || r.status < 400));
				check(
					scope,
					`expired token: n8n refreshed it once through the emulator and ${ex.file} completed`,
					ok,
					`status ${result.run?.status}, ${tokenCalls.length} token call(s), requests: ${requests.map((r) => `${r.method} ${r.path} ${r.status ?? ''}`.trim()).join(', ')}${ok ? '' : ` ${runError(result.run) || tail(result.output)}`}`,
				);
				if (newToken) token = newToken;
			});
		} else {
			check(scope, 'expired token refresh', false, 'no example workflow ran successfully to test it with');
		}

		// Workflows that must fail: Zoho's error reaches the user with its code, in plain words, no token.
		for (const ex of failures) {
			await guard(scope, `${ex.file}: expected error`, async () => {
				const result = await n8n.execute(ex.id);
				const error = runError(result.run) || tail(result.output);
				const { expectError, expectZohoCode } = ex.workflow.meta ?? {};
				const ok = result.code !== 0 && error.includes(String(expectError)) && (!expectZohoCode || error.includes(String(expectZohoCode))) && !result.output.includes(token);
				check(scope, `${ex.file}: fails with Zoho's error in plain words`, ok, error.slice(0, 300));
			});
		}

		if (triggers.length) await triggerSuite(scope, n8n, emulator, triggers, () => token);

		// n8n's own log: the package loaded, and nothing warned about our nodes or credential (apart from
		// the errors the failure workflows exist to produce).
		const expected = failures.map((f) => String(f.workflow.meta?.expectError ?? '')).filter(Boolean);
		checkLogs(scope, n8n.allLogs(), packageJson.n8n, expected);
	} catch (error) {
		check(scope, 'suite', false, failureText(error));
	} finally {
		await n8n.stop();
		n8n.saveLog();
		log(`${scope} suite ran in ${seconds(Date.now() - t0)}`);
	}
}

/**
 * Activates the trigger examples, starts n8n and checks they emit executions for emails added to the
 * emulator: through the activation poll if the trigger backfills, otherwise through a second poll
 * (re-activation, then the cron at most a minute later as a last resort).
 * @param {string} scope
 * @param {N8n} n8n
 * @param {Emulator} emulator
 * @param {Example[]} triggers
 * @param {() => string} currentToken
 */
async function triggerSuite(scope, n8n, emulator, triggers, currentToken) {
	for (const ex of triggers) await n8n.activate(ex.id);
	const targets = new Map(triggers.map((ex) => [ex.id, emailTarget(ex)]));
	/** @param {string} why */
	const addEmails = async (why) => {
		for (const [, target] of targets) {
			if (target) await emulator.addCrmEmails(target.module, target.recordId, 2);
		}
		log(`${scope} added 2 emails per trigger target (${why})`);
	};
	await addEmails('before activation');
	await emulator.clearRequests();
	const startMs = await n8n.start({ logLevel: 'debug' });
	log(`${scope} n8n start: REST API up after ${seconds(startMs)}`);
	const owner = { email: 'owner@example.com', password: 'E2eOwnerPassw0rd', firstName: 'E2E', lastName: 'Owner' };
	const cookie = await n8n.ownerSession(owner);
	const apiKey = await n8n.createApiKey(cookie);

	// The activation poll runs as soon as the workflows are live.
	const t = Date.now();
	const polled = await waitFor('the activation poll', async () => {
		const requests = (await emulator.requests()).filter((r) => !isTokenEndpoint(r));
		return requests.length >= triggers.length ? requests : null;
	}, { timeoutMs: 60000 }).catch(() => null);
	check(
		scope,
		'trigger activation poll reached the emulator with the current token',
		Boolean(polled && polled.every((r) => tokenOf(r) === currentToken())),
		polled ? `${polled.length} request(s), ${seconds(Date.now() - t)} after the REST API was up: ${polled.map((r) => `${r.method} ${r.path} ${r.status ?? ''}`.trim()).join(', ')}` : 'no request within 60 s',
	);

	for (const ex of triggers) {
		const name = ex.triggerNode?.name ?? 'Zoho Email Trigger';
		await guard(scope, `${ex.file}: trigger`, async () => {
			if (isBooksTrigger(ex)) {
				await checkBooksTrigger({ scope, n8n, emulator, ex, apiKey, check, log });
				return;
			}
			if (isEngagementTrigger(ex)) return checkEngagementTrigger({ scope, n8n, emulator, ex, apiKey, check, log });
			/** @param {number} timeoutMs */
			const emitted = (timeoutMs) =>
				waitFor(`a trigger execution of ${ex.file}`, async () => {
					const list = triggerExecutions(await n8n.executions(apiKey, ex.id), name);
					return list.length ? list : null;
				}, { timeoutMs, intervalMs: 1000 }).catch(() => null);
			let how = 'the activation poll (backfill)';
			let found = await emitted(4000);
			if (!found && !targets.get(ex.id)) {
				log(`${scope} ${ex.file}: no CRM record in its parameters to add emails to; emission not checked`);
				return;
			}
			if (!found && targets.get(ex.id)) {
				await addEmails('after the activation poll');
				// Deactivate + activate runs the poll again at once, with the stored cursor.
				await n8n.http('POST', `/api/v1/workflows/${ex.id}/deactivate`, { apiKey });
				await n8n.http('POST', `/api/v1/workflows/${ex.id}/activate`, { apiKey });
				how = 'a second poll after re-activation';
				found = await emitted(15000);
				if (!found) {
					await addEmails('waiting for the cron poll');
					how = 'the next scheduled poll';
					found = await emitted(75000);
				}
			}
			const first = found?.[0];
			check(
				scope,
				`${ex.file}: active trigger emitted an execution for new emails`,
				Boolean(first),
				first ? `execution ${first.id} (${first.mode}, ${first.status}) with ${first.items} item(s), from ${how}` : 'no trigger execution with items',
			);
		});
		await guard(scope, `${ex.file}: manual poll`, async () => {
			const id = await n8n.manualRun(cookie, ex.id, name);
			const execution = await waitFor(`manual execution ${id}`, async () => {
				const list = await n8n.executions(apiKey, ex.id);
				const e = list.find((x) => String(x.id) === id);
				return e && e.finished !== false && e.status !== 'running' && e.status !== 'new' ? e : null;
			}, { timeoutMs: 30000, intervalMs: 500 });
			const items = itemsOf(execution, name);
			check(
				scope,
				`${ex.file}: manual poll (Fetch Test Event) succeeded`,
				execution.status === 'success' && items >= 1,
				`execution ${id}: ${execution.status}, ${items} item(s)${runError(execution) ? `, ${runError(execution)}` : ''}`,
			);
		});
	}
	await n8n.stop();
}

/**
 * @param {string} scope
 * @param {string} text
 * @param {{ nodes: string[], credentials: string[] }} declared the package.json `n8n` section
 * @param {string[]} [expected] messages of errors the failure workflows are meant to produce
 */
function checkLogs(scope, text, declared, expected = []) {
	// An expected error may be logged as JSON (quotes escaped) or as plain text.
	const forms = expected.flatMap((e) => [e, JSON.stringify(e).slice(1, -1)]);
	const lines = text.split('\n').filter((l) => l.trim() && !forms.some((e) => l.includes(e)));
	const loadedLine = lines.find((l) => l.includes(`Loaded all credentials and nodes from ${PACKAGE_NAME}`));
	/** @type {any} */
	let counts = {};
	try {
		counts = JSON.parse(loadedLine ?? '').metadata ?? {};
	} catch {
		counts = {};
	}
	const complete = counts.nodes === undefined || (counts.nodes === declared.nodes.length && counts.credentials === declared.credentials.length);
	check(
		scope,
		'n8n log shows the package loaded',
		Boolean(loadedLine) && complete,
		loadedLine
			? `${messageOf(loadedLine)} (${counts.nodes ?? '?'} node(s), ${counts.credentials ?? '?'} credential(s); package.json declares ${declared.nodes.length} and ${declared.credentials.length})`
			: `no "Loaded all credentials and nodes from ${PACKAGE_NAME}" line`,
	);
	const ours = /n8n-nodes-zoho-email|zohoEmail|zohoEmailTrigger|zohoEmailOAuth2Api/i;
	// The n8n install lives under a cache folder named after this package: its paths in stack traces of
	// unrelated errors don't count.
	const bad = lines.filter((l) => ours.test(l.split(CACHE).join('<n8n cache>')) && isWarnOrError(l));
	check(scope, 'n8n log has no warning or error naming our nodes or credential', bad.length === 0, bad.slice(0, 3).map(messageOf).join(' | '));
}

/** @param {string} line */
function isWarnOrError(line) {
	try {
		const entry = JSON.parse(line);
		return ['warn', 'warning', 'error'].includes(String(entry.level).toLowerCase());
	} catch {
		return /\b(warn|warning|error)\b/i.test(line);
	}
}

/** @param {string} line */
function messageOf(line) {
	try {
		return String(JSON.parse(line).message).slice(0, 300);
	} catch {
		return line.slice(0, 300);
	}
}

async function main() {
	log(`e2e: n8n ${majors.map((m) => VERSIONS[m].version).join(' and ')}`);
	try {
		for (const major of majors) {
			const ms = await ensureInstalled(major, log);
			log(`n8n ${VERSIONS[major].version} ${ms ? `installed in ${seconds(ms)}` : 'already installed (cache)'}`);
		}
	} catch (error) {
		for (const line of explain(error)) console.error(line);
		console.log(`${report.passed} passed, 1 failed`);
		process.exitCode = 1;
		return;
	}
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-e2e-'));
	/** @type {Emulator | null} */
	let emulator = null;
	try {
		let t = Date.now();
		const { tarball, files } = givenTarball ? await listTarball(path.resolve(givenTarball)) : await buildAndPack(tmp);
		const outside = files.filter((f) => !f.startsWith('dist/') && !/^(package\.json|README\.md|LICENSE(\.md)?)$/i.test(f));
		check('[package]', 'npm pack holds dist/ only', outside.length === 0, `${files.length} files${outside.length ? `, unexpected: ${outside.join(', ')}` : ''}`);
		log(`build + pack ${seconds(Date.now() - t)}: ${path.basename(tarball)}`);

		const examples = loadExamples(examplesDir ? path.resolve(examplesDir) : undefined);
		const failures = examplesDir ? [] : loadExamples(path.join(__dirname, 'failures'));
		check('[examples]', 'example workflows found', examples.length > 0, `${examples.filter((e) => !e.trigger).length} action, ${examples.filter((e) => e.trigger).length} trigger: ${examples.map((e) => e.file).join(', ')}`);

		t = Date.now();
		emulator = await new Emulator(await freePort()).start();
		log(`emulator at ${emulator.url} (${seconds(Date.now() - t)})`);

		for (const major of majors) await suite(major, { tmp, tarball, emulator, examples, failures });
	} catch (error) {
		check('[setup]', 'e2e setup', false, failureText(error, { stack: true }));
	} finally {
		if (emulator) await emulator.stop();
		if (keep) log(`kept ${tmp}`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
	log(`done in ${seconds(Date.now() - report.started)}`);
	const kept = logFiles.filter((f) => fs.existsSync(f));
	if (report.failed > 0 || keep) {
		for (const f of kept) console.log(`n8n's full log: ${f}`);
	} else {
		for (const f of kept) fs.rmSync(f, { force: true });
	}
	report.close();
}

void main();
