#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * "Connect my account" in a real browser: a real n8n 2.x with the packed package, the Zoho emulator as
 * the accounts server and API, and Debian's chromium driven by Playwright. Each scenario creates the
 * credential in the editor (data center Custom, pointing at the emulator), clicks Connect, answers the
 * emulator's consent page in the popup, reads what n8n reports, then opens the from-address picker of a
 * Zoho Email node with that credential:
 *
 *   connect      a new credential, Products left as the form leaves it: connected, the picker lists addresses
 *   refused      consent rejected: n8n's popup says it failed, the credential stays unconnected
 *   bad secret   a wrong client secret (Zoho: HTTP 200 {"error":"invalid_client"}): the picker says what to
 *                do; after fixing the secret and reconnecting it works
 *   multi-DC     the account signs in at another data center (accounts-server / location on the callback):
 *                the picker names that server; with it as Accounts URL and a reconnect it works
 *
 * Unattended: headless, no stdin, a deadline for the whole run, and everything it starts is stopped by
 * PID. `node e2e/oauth.js [--screenshot] [--only connect,refused,bad-secret,multi-dc]` (npm run
 * test:oauth); --screenshot also writes docs/screenshots/credential-connected.png and credential-hosts.png. Needs /usr/bin/chromium (bash e2e/install-browser.sh).
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { BrowserRun, oneLine, signIn } = require('./lib/browser');
const { Emulator } = require('./lib/emulator');
const { N8n, ROOT, ensureInstalled, installPackage } = require('./lib/n8n');
const { buildAndPack } = require('./lib/pack');
const { freePort, seconds } = require('./lib/proc');

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').Locator} Locator */
/** @typedef {import('playwright-core').BrowserContext} BrowserContext */

const OWNER = { email: 'oauth@example.com', password: 'ZohoOauth2025', firstName: 'OAuth', lastName: 'Tester' };
const CREDENTIAL_TYPE = 'Zoho CRM, Bigin & Books OAuth2 API';
/** What the node says for each refusal the scenarios provoke (nodes/ZohoEmail/transport/auth.ts). */
const REFUSALS = {
	invalid_client: 'check the client secret and the data center, then reconnect',
	invalid_code: 'the authorization code was already used or has expired; reconnect',
};
const REFUSED = (/** @type {'invalid_client' | 'invalid_code'} */ code) => `Zoho refused the connection (${code}): ${REFUSALS[code]}`;
const SCREENSHOT = path.join(ROOT, 'docs', 'screenshots', 'credential-connected.png');
const SCREENSHOT_HOSTS = path.join(ROOT, 'docs', 'screenshots', 'credential-hosts.png');
const browserRun = new BrowserRun('oauth', path.join(os.tmpdir(), 'zoho-oauth-failure.png'));
const check = browserRun.check.bind(browserRun);

/**
 * Opens "Add new credential" for the Zoho credential and returns the credential modal.
 * @param {Page} page
 * @param {string} url
 */
async function openNewCredential(page, url) {
	await page.goto(`${url}/home/credentials/create`);
	await page.locator('.el-dialog input').first().fill('Zoho CRM');
	await page.getByText(CREDENTIAL_TYPE, { exact: true }).click();
	await page.locator('[data-test-id="new-credential-type-button"]').click();
	const modal = page.locator('[data-test-id="editCredential-modal"]');
	await modal.locator('[data-test-id="parameter-input-clientId"]').waitFor();
	return modal;
}

/**
 * @param {Locator} modal
 * @param {string} name
 * @param {string} value
 */
async function fillText(modal, name, value) {
	const input = modal.locator(`[data-test-id="parameter-input-${name}"] input`).first();
	await input.fill(value);
}

/**
 * Fills the form as a user would: name, client, data center Custom with the emulator's URLs. Products is
 * left as n8n's form sets it for a new credential.
 * @param {Page} page
 * @param {Locator} modal
 * @param {{ name: string, clientId: string, clientSecret: string, accountsUrl: string, apiUrl: string }} opts
 */
async function fillCredential(page, modal, opts) {
	await modal.locator('[data-test-id="credential-name"] [data-test-id="inline-edit-preview"]').first().click();
	const nameInput = modal.locator('[data-test-id="credential-name"] input').first();
	await nameInput.fill(opts.name);
	await nameInput.press('Enter');
	await fillText(modal, 'clientId', opts.clientId);
	await fillText(modal, 'clientSecret', opts.clientSecret);
	await modal.locator('[data-test-id="parameter-input-dataCenter"]').click();
	await page.locator('.el-select-dropdown__item:visible').filter({ hasText: 'Custom' }).first().click();
	await fillText(modal, 'customAccountsUrl', opts.accountsUrl);
	await fillText(modal, 'customApiUrl', opts.apiUrl);
}

/**
 * Clicks Connect (or Reconnect), waits for the popup to reach the emulator's consent page, clicks
 * `choice` there and returns what the popup showed afterwards ('' when it closed itself).
 * @param {BrowserContext} context
 * @param {Locator} modal
 * @param {string} choice element id on the consent page
 */
async function connect(context, modal, choice) {
	const button = modal
		.locator('[data-test-id="quick-connect-button"]:visible, [data-test-id="oauth-connect-button"]:visible, [data-test-id="oauth-switch-account-button"]:visible')
		.first();
	const popupPromise = context.waitForEvent('page', { timeout: 30000 });
	popupPromise.catch(() => undefined);
	await button.click();
	const popup = await popupPromise;
	let callbackUrl = '';
	popup.on('request', (request) => {
		if (request.url().includes('/rest/oauth2-credential/callback')) callbackUrl = request.url();
	});
	await popup.waitForURL(/\/oauth\/v2\/auth/, { timeout: 30000 });
	const consent = oneLine(await popup.locator('body').innerText());
	const closed = popup.waitForEvent('close', { timeout: 30000 }).then(() => true).catch(() => false);
	await popup.locator(`#${choice}`).click();
	// n8n's callback page closes itself on success; on failure it stays and says why.
	const outcome = await Promise.race([
		closed.then(() => ''),
		popup.getByText(/failed|error/i).first().waitFor({ timeout: 30000 }).then(async () => oneLine(await popup.locator('body').innerText())),
	]).catch(() => '');
	let details = '';
	if (outcome && !popup.isClosed()) {
		const more = popup.getByText('More details').first();
		if (await more.count()) await more.click().catch(() => undefined);
		details = oneLine(await popup.locator('body').innerText().catch(() => ''));
		await popup.close();
	}
	return { consent, outcome, details, callback: callbackUrl ? new URL(callbackUrl).searchParams : new URLSearchParams() };
}

/**
 * What the credential form's OAuth banner says.
 * @param {Locator} modal
 */
async function bannerState(modal) {
	const connected = modal.locator('[data-test-id="oauth-connect-success-banner"]');
	const notConnected = modal.locator('[data-test-id="oauth-not-connected-banner"]');
	await Promise.race([connected.waitFor({ timeout: 20000 }), notConnected.waitFor({ timeout: 20000 })]).catch(() => undefined);
	if (await connected.isVisible()) return 'connected';
	if (await notConnected.isVisible()) return 'not connected';
	return 'unknown';
}

/**
 * The id of the saved credential with this name, from n8n's REST API.
 * @param {N8n} n8n
 * @param {string} cookie
 * @param {string} name
 */
async function credentialId(n8n, cookie, name) {
	const res = await n8n.http('GET', '/rest/credentials', { cookie });
	const found = (res.json?.data ?? []).find((/** @type {any} */ c) => c.name === name);
	if (!found) throw new Error(`credential "${name}" not saved (GET /rest/credentials: ${res.status})`);
	return String(found.id);
}

/**
 * A workflow with a Zoho Email "send" node on this credential, created through the REST API.
 * @param {N8n} n8n
 * @param {string} cookie
 * @param {{ id: string, name: string }} credential
 */
async function createWorkflow(n8n, cookie, credential) {
	const body = {
		name: `From-address picker (${credential.name})`,
		active: false,
		settings: {},
		connections: { Start: { main: [[{ node: 'Zoho Email', type: 'main', index: 0 }]] } },
		nodes: [
			{ id: 'a0000000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'a0000000-0000-4000-8000-000000000002',
				name: 'Zoho Email',
				type: 'n8n-nodes-zoho-email.zohoEmail',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'crmEmail', operation: 'send' },
				credentials: { zohoEmailOAuth2Api: credential },
			},
		],
	};
	const res = await n8n.http('POST', '/rest/workflows', { cookie, body });
	const id = res.json?.data?.id;
	if (!id) throw new Error(`POST /rest/workflows: ${res.status} ${res.text.slice(0, 300)}`);
	return String(id);
}

/**
 * Opens the workflow, the Zoho Email node and its From picker; returns the entries or the error shown.
 * @param {Page} page
 * @param {string} url
 * @param {string} workflowId
 */
async function openFromPicker(page, url, workflowId) {
	await page.goto(`${url}/workflow/${workflowId}`);
	const node = page.locator('[data-test-id="canvas-node"][data-node-name="Zoho Email"]').first();
	await node.waitFor({ timeout: 30000 });
	for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
	await node.dblclick();
	const ndv = page.locator('[data-test-id="ndv"]').first();
	await ndv.waitFor({ timeout: 20000 });
	const from = ndv.locator('[data-test-id="resource-locator-from"], [data-test-id="parameter-input-from"]').first();
	await from.locator('[data-test-id="rlc-input"]').first().click();
	const items = page.locator('[data-test-id="rlc-item"]:visible');
	const error = page.locator('[data-test-id="rlc-error-container"]:visible, .el-popper:visible [class*="error"]').first();
	await Promise.race([items.first().waitFor({ timeout: 30000 }), error.waitFor({ timeout: 30000 })]).catch(() => undefined);
	const entries = (await items.allInnerTexts()).map(oneLine).filter(Boolean);
	const shown = (await error.count()) ? oneLine(await error.innerText()) : '';
	// The editor also keeps the list-search answer: the full error message comes from there.
	const popper = oneLine(await page.locator('.el-popper:visible').allInnerTexts().then((t) => t.join(' ')));
	await page.keyboard.press('Escape');
	return { entries, error: shown, popper };
}

/**
 * The from-address list search exactly as the picker calls it, for the full error message.
 * @param {Page} page
 * @param {string} credentialIdValue
 * @param {string} credentialName
 */
async function listSearchInBrowser(page, credentialIdValue, credentialName) {
	return await page.evaluate(
		async ({ id, name }) => {
			const res = await fetch('/rest/dynamic-node-parameters/resource-locator-results', {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'browser-id': /** @type {any} */ (globalThis).localStorage?.getItem('n8n-browserId') ?? '' },
				body: JSON.stringify({
					path: 'parameters.from',
					nodeTypeAndVersion: { name: 'n8n-nodes-zoho-email.zohoEmail', version: 1 },
					methodName: 'searchCrmFromAddresses',
					currentNodeParameters: { resource: 'crmEmail', operation: 'send' },
					credentials: { zohoEmailOAuth2Api: { id, name } },
				}),
			});
			return { status: res.status, text: await res.text() };
		},
		{ id: credentialIdValue, name: credentialName },
	);
}

/**
 * @param {Locator} modal
 * @param {Page} page
 */
async function closeModal(modal, page) {
	const close = modal.locator('.el-dialog__headerbtn, [aria-label="Close this dialog"]').first();
	if (await close.count()) await close.click().catch(() => undefined);
	await page.keyboard.press('Escape').catch(() => undefined);
	await modal.waitFor({ state: 'hidden', timeout: 10000 }).catch(() => undefined);
}

/**
 * @param {Locator} modal
 */
async function save(modal) {
	await modal.locator('[data-test-id="credential-save-button"]').click();
	await modal.locator('[data-test-id="credential-save-button"]').getByText(/Saved/).waitFor({ timeout: 15000 }).catch(() => undefined);
}

async function main() {
	const wantScreenshot = process.argv.includes('--screenshot');
	await ensureInstalled(2, (line) => console.log(line));
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-oauth-'));
	browserRun.onStop(() => fs.rmSync(tmp, { recursive: true, force: true }));
	const { tarball } = await buildAndPack(tmp);
	const emulator = await new Emulator(await freePort()).start();
	browserRun.onStop(() => emulator.stop());
	const n8n = new N8n({ major: 2, userFolder: path.join(tmp, 'n8n'), port: await freePort(), brokerPort: await freePort() });
	browserRun.onStop(() => n8n.stop());
	await installPackage(n8n.userFolder, tarball);
	const bootMs = await n8n.start();
	const cookie = await n8n.ownerSession(OWNER);
	console.log(`n8n ${n8n.version} on ${n8n.url} (up in ${seconds(bootMs)}), emulator on ${emulator.url}`);
	const { context, page } = await browserRun.openPage();
	await signIn(page, n8n.url, OWNER);
	const emu = emulator;
	const n = n8n;
	const base = { clientId: emu.clientId, clientSecret: emu.clientSecret, accountsUrl: emu.url, apiUrl: emu.url };

	/**
	 * Picker through the browser UI, plus the list search's own answer for the exact message.
	 * @param {string} name
	 */
	const picker = async (name) => {
		const id = await credentialId(n, cookie, name);
		const workflowId = await createWorkflow(n, cookie, { id, name });
		const ui = await openFromPicker(page, n.url, workflowId);
		const api = await listSearchInBrowser(page, id, name);
		return { ...ui, api };
	};

	const onlyAt = process.argv.indexOf('--only');
	const only = onlyAt >= 0 ? String(process.argv[onlyAt + 1] ?? '').split(',') : null;
	const want = (/** @type {string} */ scenario) => !only || only.includes(scenario);

	// 1. Connect a new credential, Products as the form leaves it.
	if (want('connect')) {
		const t0 = Date.now();
		const name = 'Zoho (connect)';
		const modal = await openNewCredential(page, n.url);
		const form = oneLine(await modal.innerText());
		check('the form names the credential for what it connects', form.includes('In Zoho CRM, Bigin & Books, use the URL above'), form.slice(0, 200));
		check('the form points to Zoho\'s developer console', form.includes('https://accounts.zoho.com/developerconsole'));
		await fillCredential(page, modal, { name, ...base });
		const filled = oneLine(await modal.innerText());
		check('the form shows which accounts host is used', filled.includes('Sign-in and tokens: the Accounts URL below'), filled.slice(filled.indexOf('Data Center'), filled.indexOf('Data Center') + 200));
		check('the form says that changing products means reconnecting', /after ticking or unticking one, click Reconnect/.test(filled));
		await emu.clearRequests();
		const result = await connect(context, modal, 'accept');
		check('the consent page asks for the CRM scopes though no product was ticked', result.consent.includes('ZohoCRM.send_mail.all.CREATE'), result.consent.slice(0, 160));
		check('the popup closes after consent', result.outcome === '', result.outcome);
		const state = await bannerState(modal);
		check('n8n reports the account connected', state === 'connected', state);
		const requests = await emu.requests();
		check('n8n exchanged the code at the emulator', requests.some((r) => r.method === 'POST' && r.path === '/oauth/v2/token'), requests.map((r) => `${r.method} ${r.path}`).join(', '));
		if (wantScreenshot) {
			await modal.locator('[data-test-id="oauth-connect-success-banner"]').scrollIntoViewIfNeeded().catch(() => undefined);
			await page.waitForTimeout(300);
			fs.writeFileSync(SCREENSHOT, await modal.screenshot({ animations: 'disabled' }));
			console.log(`     screenshot ${path.relative(ROOT, SCREENSHOT)}`);
			// The part below the secret: data center, the hosts it means, products.
			await modal.locator('[data-test-id="parameter-input-dataCenter"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
			await page.waitForTimeout(300);
			fs.writeFileSync(SCREENSHOT_HOSTS, await modal.screenshot({ animations: 'disabled' }));
			console.log(`     screenshot ${path.relative(ROOT, SCREENSHOT_HOSTS)}`);
		}
		await closeModal(modal, page);
		const from = await picker(name);
		check('the from-address picker lists the addresses with this credential', from.entries.some((e) => e.includes('@')), from.entries.slice(0, 3).join(' | ') || from.popper);
		console.log(`     connect: ${seconds(Date.now() - t0)}`);
	}

	// 2. Consent refused.
	if (want('refused')) {
		const t0 = Date.now();
		const name = 'Zoho (refused)';
		const modal = await openNewCredential(page, n.url);
		await fillCredential(page, modal, { name, ...base });
		await emu.clearRequests();
		const result = await connect(context, modal, 'reject');
		check('n8n\'s popup says the connection failed', /Failed to connect/.test(result.outcome), result.outcome);
		check('the popup shows Zoho\'s access_denied', result.details.includes('access_denied'), result.details.slice(0, 200));
		const state = await bannerState(modal);
		check('the credential stays unconnected', state === 'not connected', state);
		const requests = await emu.requests();
		check('no code was exchanged', !requests.some((r) => r.path.endsWith('/oauth/v2/token')));
		await closeModal(modal, page);
		console.log(`     refused: ${seconds(Date.now() - t0)}`);
	}

	// 3. A wrong client secret: Zoho answers the code exchange with HTTP 200 {"error":"invalid_client"}.
	if (want('bad-secret')) {
		const t0 = Date.now();
		const name = 'Zoho (bad secret)';
		const modal = await openNewCredential(page, n.url);
		await fillCredential(page, modal, { name, ...base, clientSecret: 'not-the-secret' });
		const result = await connect(context, modal, 'accept');
		const state = await bannerState(modal);
		// n8n stores the error body as the token and shows it connected; the first use says what to do.
		console.log(`     n8n shows the credential as "${state}" after Zoho's invalid_client`);
		await closeModal(modal, page);
		const from = await picker(name);
		check(
			'the picker says Zoho refused the connection (invalid_client)',
			from.api.text.includes(REFUSED('invalid_client')) && (from.popper + from.error).includes('Zoho refused the connection'),
			`${from.error || from.popper} / ${from.api.status} ${from.api.text.slice(0, 200)}`,
		);
		check('the picker lists nothing', from.entries.length === 0, from.entries.join(' | '));
		// The user fixes the secret and reconnects.
		await page.goto(`${n.url}/home/credentials/${await credentialId(n, cookie, name)}`);
		const again = page.locator('[data-test-id="editCredential-modal"]');
		await again.locator('[data-test-id="parameter-input-clientSecret"]').waitFor();
		await fillText(again, 'clientSecret', emu.clientSecret);
		await save(again);
		const second = await connect(context, again, 'accept');
		check('reconnecting with the right secret succeeds', second.outcome === '' && (await bannerState(again)) === 'connected', second.outcome);
		await closeModal(again, page);
		const fixed = await picker(name);
		check('after the reconnect the picker lists the addresses', fixed.entries.some((e) => e.includes('@')), fixed.entries.slice(0, 3).join(' | ') || fixed.popper);
		console.log(`     bad secret (${result.outcome ? 'popup: ' + result.outcome : 'popup closed'}): ${seconds(Date.now() - t0)}`);
	}

	// 4. A multi-DC account: Zoho signs it in at another data center's accounts server.
	if (want('multi-dc')) {
		const t0 = Date.now();
		const name = 'Zoho (multi-DC)';
		const otherServer = `${emu.url}/oauth/dc/eu`;
		const modal = await openNewCredential(page, n.url);
		await fillCredential(page, modal, { name, ...base });
		await emu.clearRequests();
		const first = await connect(context, modal, 'accept-other-dc');
		check(
			'the callback carries Zoho\'s location and accounts-server',
			first.callback.get('location') === 'eu' && first.callback.get('accounts-server') === otherServer,
			first.callback.toString().replace(/code=[^&]+/, 'code=…').replace(/state=[^&]+/, 'state=…'),
		);
		await closeModal(modal, page);
		const from = await picker(name);
		check(
			'the picker says Zoho refused the code (invalid_code)',
			from.api.text.includes(REFUSED('invalid_code')) && (from.popper + from.error).includes(REFUSED('invalid_code')),
			`${from.api.status} / UI: ${from.error || from.popper}`,
		);
		check(
			"the picker names the account's accounts server",
			(from.popper + from.error).includes(`set the Accounts URL to ${otherServer}`),
			from.error || from.popper,
		);
		await page.goto(`${n.url}/home/credentials/${await credentialId(n, cookie, name)}`);
		const again = page.locator('[data-test-id="editCredential-modal"]');
		await again.locator('[data-test-id="parameter-input-customAccountsUrl"]').waitFor();
		await fillText(again, 'customAccountsUrl', otherServer);
		await save(again);
		await emu.clearRequests();
		const second = await connect(context, again, 'accept');
		check('the consent at that server signs in the same account', second.consent.includes('data center eu'), second.consent.slice(0, 200));
		check('reconnecting at the account\'s accounts server succeeds', second.outcome === '' && (await bannerState(again)) === 'connected', second.outcome);
		const requests = await emu.requests();
		check('the code was exchanged at that server', requests.some((r) => r.method === 'POST' && r.path === '/oauth/dc/eu/oauth/v2/token'), requests.map((r) => `${r.method} ${r.path}`).join(', '));
		await closeModal(again, page);
		const fixed = await picker(name);
		check('then the picker lists the addresses', fixed.entries.some((e) => e.includes('@')), fixed.entries.slice(0, 3).join(' | ') || fixed.popper);
		console.log(`     multi-DC: ${seconds(Date.now() - t0)}`);
	}
}

browserRun.run(main).catch((error) => {
	console.error(`FAIL ${error instanceof Error ? error.stack : error}`);
	process.exit(1);
});
