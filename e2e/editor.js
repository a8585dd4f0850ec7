#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * The first minutes of a new user in a real editor: a real n8n 2.x with the packed package and the Zoho
 * emulator (the demo's setup), driven in Debian's chromium by Playwright.
 *
 *   panel search   the node panel finds the node for "books", "invoice" and "reminder" (codex aliases)
 *   triggers       the node's panel lists one trigger per "Trigger On" option, by its action sentence
 *   not found      a CRM Get on a record that does not exist fails with an error that names the Record
 *
 * Unattended: headless, a deadline for the whole run, everything it starts stopped by PID.
 * `node e2e/editor.js` (npm run test:editor). Needs /usr/bin/chromium (bash e2e/install-browser.sh).
 */

const os = require('node:os');
const path = require('node:path');

const { startDemo } = require('./demo');
const { BrowserRun, oneLine, signIn } = require('./lib/browser');
const { CREDENTIAL_ID, CREDENTIAL_NAME } = require('./lib/examples');
const { freePort } = require('./lib/proc');

/** @typedef {import('playwright-core').Page} Page */

const ROOT = path.join(__dirname, '..');
const browserRun = new BrowserRun('editor', path.join(os.tmpdir(), 'zoho-editor-failure.png'));
const check = browserRun.check.bind(browserRun);

/** The trigger's "Trigger On" options: their action sentences are what the panel must list. */
function triggerSentences() {
	const { sourceProperty } = require(path.join(ROOT, 'dist', 'nodes', 'ZohoEmail', 'trigger', 'description.js'));
	return /** @type {Array<{ action: string }>} */ (sourceProperty.options).map((o) => o.action);
}

/** A record ID no record has (the emulator's IDs end in 5xx0xx). */
const MISSING_RECORD = '5725767000000599999';

/** @param {Page} page */
async function dismissPopups(page) {
	for (let i = 0; i < 3; i++) {
		await page.keyboard.press('Escape').catch(() => undefined);
		await page.waitForTimeout(150);
	}
}

/**
 * Opens the node panel on a new, empty workflow ("Add first step") and returns its search box.
 * @param {Page} page
 * @param {string} url
 */
async function openNodePanel(page, url) {
	await page.goto(`${url}/workflow/new`);
	await page.locator('[data-test-id="canvas-add-button"], [data-test-id="node-creator-plus-button"]').first().waitFor({ timeout: 30000 });
	await dismissPopups(page);
	await page.locator('[data-test-id="canvas-add-button"], [data-test-id="node-creator-plus-button"]').first().click();
	const search = page.locator('[data-test-id="node-creator-search-bar"] input, [data-test-id="node-creator-search-bar"]').first();
	await search.waitFor({ timeout: 15000 });
	return search;
}

/**
 * Types a search into the node panel and returns the names of the nodes it lists.
 * @param {Page} page
 * @param {import('playwright-core').Locator} search
 * @param {string} text
 */
async function searchNodes(page, search, text) {
	await search.fill('');
	await search.fill(text);
	await page.waitForTimeout(800);
	// Every listed node's title (trigger nodes, and apps whose triggers are merged into them).
	return (await page.locator('[data-test-id="node-creator-item-name"]:visible').allInnerTexts()).map(oneLine);
}

async function main() {
	const demo = await startDemo({ major: 2, port: await freePort(), log: (line) => console.log(`  ${line}`) });
	browserRun.onStop(() => demo.stop());
	const { n8n, cookie, owner } = demo;
	const { page } = await browserRun.openPage();
	await signIn(page, n8n.url, owner);

	// 1. The node panel finds the node by what users type.
	const search = await openNodePanel(page, n8n.url);
	for (const word of ['books', 'invoice', 'reminder']) {
		const names = await searchNodes(page, search, word);
		check(`the node panel finds Zoho Email for "${word}"`, names.some((n) => n.includes('Zoho Email')), names.slice(0, 6).join(' | ') || 'nothing listed');
	}

	// 2. The node's panel lists the triggers by name, one per "Trigger On" option.
	const names = await searchNodes(page, search, 'zoho email');
	const item = page.locator('[data-test-id="node-creator-item-name"]:visible').filter({ hasText: /^\s*Zoho Email\s*$/ }).first();
	if (check('the node panel lists Zoho Email', (await item.count()) > 0, names.join(' | '))) {
		await item.click();
		await page.waitForTimeout(1000);
		const listed = oneLine(await page.locator('[data-test-id="node-creator"]').first().innerText());
		for (const sentence of triggerSentences()) check(`the panel lists the trigger "${sentence}"`, listed.includes(sentence), listed.slice(0, 400));
	}
	await dismissPopups(page);

	// 3. A record that does not exist: the error names the Record.
	const res = await n8n.http('POST', '/rest/workflows', {
		cookie,
		body: {
			name: 'Editor test: record not found',
			active: false,
			settings: {},
			connections: { Start: { main: [[{ node: 'Get email', type: 'main', index: 0 }]] } },
			nodes: [
				{ id: 'e0000000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'e0000000-0000-4000-8000-000000000002',
					name: 'Get email',
					type: 'n8n-nodes-zoho-email.zohoEmail',
					typeVersion: 1.1,
					position: [220, 0],
					parameters: {
						resource: 'crmEmail',
						operation: 'get',
						module: { __rl: true, mode: 'name', value: 'Contacts' },
						recordId: { __rl: true, mode: 'id', value: MISSING_RECORD },
						messageId: 'c6085fae06cbd7b75001fe7b1f81da2ff4d9fe7396bf4e2a5a7a6d0ab1a1f7d1',
					},
					credentials: { zohoEmailOAuth2Api: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
				},
			],
		},
	});
	const workflowId = res.json?.data?.id;
	if (check('the record-not-found workflow is created', Boolean(workflowId), `${res.status} ${res.text.slice(0, 200)}`)) {
		await page.goto(`${n8n.url}/workflow/${workflowId}`);
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 30000 });
		await dismissPopups(page);
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		await page.waitForTimeout(4000);
		await page.locator('[data-test-id="canvas-node"][data-node-name="Get email"]').first().dblclick();
		const ndv = page.locator('[data-test-id="ndv"]').first();
		await ndv.waitFor({ timeout: 15000 });
		await page.waitForTimeout(800);
		// n8n shows the message and a "Details" toggle for the description: open it when there.
		await ndv.getByText(/^Details$/).first().click({ timeout: 2000 }).catch(() => undefined);
		await page.waitForTimeout(300);
		const shown = oneLine(await ndv.innerText());
		const at = shown.search(/could not get the email/i);
		const error = at >= 0 ? shown.slice(at, at + 400) : shown.slice(0, 400);
		check('the error of a record that does not exist names the Record and its ID', /\bRecord\b/.test(error) && error.includes(MISSING_RECORD), error);
	}
}

browserRun.run(main).catch((error) => {
	console.error(`FAIL ${error instanceof Error ? error.stack : error}`);
	process.exit(1);
});
