#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Editor screenshots in a real browser: starts the demo (n8n 2.x + emulator), drives Debian's chromium
 * with Playwright, checks the credential form, the Zoho Email node (operations, from-address picker
 * loading from the emulator) and the trigger render and work, and saves docs/screenshots/*.png.
 * Run by hand (not in CI): `bash e2e/install-browser.sh && node e2e/screenshots.js [--examples DIR]`.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { chromium } = require('playwright-core');

const { startDemo } = require('./demo');
const { ACTION_TYPE, CREDENTIAL_ID, TRIGGER_TYPE } = require('./lib/examples');
const { ROOT } = require('./lib/n8n');
const { freePort } = require('./lib/proc');

/** @typedef {import('playwright-core').Page} Page */

const OUT = path.join(ROOT, 'docs', 'screenshots');
const MAX_BYTES = 200 * 1024;
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

let failures = 0;
/**
 * @param {string} what
 * @param {boolean} ok
 * @param {string} [detail]
 */
function check(what, ok, detail = '') {
	if (!ok) failures++;
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` - ${detail}` : ''}`);
}

/**
 * Saves a screenshot (of `clip` when given), keeping it under 200 KB by lowering the device scale.
 * @param {Page} page
 * @param {string} name
 * @param {import('playwright-core').Locator} [element]
 */
async function shot(page, name, element) {
	const file = path.join(OUT, `${name}.png`);
	await page.waitForTimeout(400);
	const buffer = element ? await element.screenshot({ animations: 'disabled' }) : await page.screenshot({ animations: 'disabled' });
	fs.writeFileSync(file, buffer);
	check(`screenshot ${path.relative(ROOT, file)}`, buffer.length <= MAX_BYTES, `${Math.round(buffer.length / 1024)} KB`);
}

/**
 * Closes whatever modal or popup n8n opened on its own (what's new, surveys, tours).
 * @param {Page} page
 */
async function dismissPopups(page) {
	for (let i = 0; i < 3; i++) {
		await page.keyboard.press('Escape').catch(() => undefined);
		await page.waitForTimeout(150);
	}
}

/**
 * @param {Page} page
 * @param {string} url
 * @param {{ email: string, password: string }} owner
 */
async function signIn(page, url, owner) {
	await page.goto(`${url}/signin`);
	const email = page.locator('input[name="emailOrLdapLoginId"], input[name="email"], input[type="email"]').first();
	await email.waitFor({ timeout: 30000 });
	await email.fill(owner.email);
	await page.locator('input[name="password"], input[type="password"]').first().fill(owner.password);
	await shot(page, 'signin');
	await page.locator('[data-test-id="form-submit-button"], button[type="submit"]').first().click();
	await page.waitForURL((u) => !u.pathname.includes('signin'), { timeout: 30000 });
	await dismissPopups(page);
}

/**
 * Opens a workflow and returns once its canvas shows nodes.
 * @param {Page} page
 * @param {string} url
 * @param {string} id
 */
async function openWorkflow(page, url, id) {
	await page.goto(`${url}/workflow/${id}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 30000 });
	await dismissPopups(page);
	await page.waitForTimeout(500);
}

/**
 * Opens a node's parameter panel by double-clicking it on the canvas.
 * @param {Page} page
 * @param {string} nodeName
 */
async function openNode(page, nodeName) {
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).first();
	await node.dblclick();
	const ndv = page.locator('[data-test-id="ndv"]').first();
	await ndv.waitFor({ timeout: 15000 });
	await page.waitForTimeout(800);
	return ndv;
}

/**
 * @param {Page} page
 */
async function closeNode(page) {
	const back = page.locator('[data-test-id="back-to-canvas"]:visible, [data-test-id="ndv-close"]:visible').first();
	if (await back.count()) await back.click().catch(() => undefined);
	for (let i = 0; i < 4 && (await page.locator('[data-test-id="ndv"]:visible').count()); i++) {
		await page.keyboard.press('Escape');
		await page.waitForTimeout(300);
	}
}

/**
 * The texts of the open dropdown's options.
 * @param {Page} page
 */
async function dropdownTexts(page) {
	const items = page.locator('.el-select-dropdown__item:visible, [data-test-id="rlc-item"]:visible, .el-popper:visible li');
	return (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}

async function main() {
	const i = process.argv.indexOf('--examples');
	fs.mkdirSync(OUT, { recursive: true });
	console.log('starting the demo (emulator + n8n 2.x) ...');
	const demo = await startDemo({
		major: 2,
		port: await freePort(),
		examplesDir: i >= 0 ? path.resolve(process.argv[i + 1]) : undefined,
		log: (line) => console.log(`  ${line}`),
	});
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport: { width: 1280, height: 800 },
		deviceScaleFactor: 1,
		locale: 'en-US',
		timezoneId: 'UTC',
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(20000);
		const { n8n, emulator, examples, owner } = demo;
		await signIn(page, n8n.url, owner);
		check('sign in as the demo owner', true, owner.email);

		// The credential form: data center selector, custom URLs, products.
		await page.goto(`${n8n.url}/home/credentials/${CREDENTIAL_ID}`);
		const modal = page.locator('[data-test-id="editCredential-modal"], .el-dialog:visible').first();
		await modal.waitFor({ timeout: 20000 });
		await page.waitForTimeout(800);
		// Show the Zoho fields (data center, URLs, products) rather than the generic OAuth header.
		await modal.getByText('Data Center', { exact: true }).first().scrollIntoViewIfNeeded();
		await modal.getByText('Allowed HTTP Request Domains').first().evaluate((el) => el.scrollIntoView({ block: 'start' })).catch(() => undefined);
		await page.waitForTimeout(300);
		const credentialText = await modal.innerText();
		check(
			'credential form shows data center, URLs and products',
			['Data Center', 'Accounts URL', 'API URL', 'Products'].every((t) => credentialText.includes(t)),
			credentialText.replace(/\s+/g, ' ').slice(0, 160),
		);
		await shot(page, 'credential', modal);
		const dc = modal.locator('[data-test-id="parameter-input-dataCenter"], [data-test-id="credential-parameter-dataCenter"]').first();
		if (await dc.count()) {
			await dc.click();
			await page.waitForTimeout(500);
			const options = await dropdownTexts(page);
			check('data center selector lists the Zoho data centers', options.length >= 5, options.join(', ').slice(0, 200));
			await shot(page, 'credential-data-centers');
			await page.keyboard.press('Escape');
		} else {
			check('data center selector present', false, 'no dataCenter input found');
		}
		await page.keyboard.press('Escape');
		await page.waitForTimeout(300);

		// An example with the Zoho Email node: canvas, parameters, operations, from-address picker.
		const sendExample =
			examples.find((e) => !e.trigger && e.zohoNodes.some((n) => n.parameters?.resource === 'crmEmail' && n.parameters?.operation === 'send')) ??
			examples.find((e) => !e.trigger && e.zohoNodes.some((n) => n.parameters?.operation === 'send' && n.parameters?.from)) ??
			examples.find((e) => !e.trigger && e.zohoNodes.length > 0);
		if (sendExample) {
			const node = sendExample.zohoNodes.find((n) => n.parameters?.from) ?? sendExample.zohoNodes[0];
			await openWorkflow(page, n8n.url, sendExample.id);
			await shot(page, 'workflow');
			const ndv = await openNode(page, node.name);
			await shot(page, 'node-parameters');
			const resource = ndv.locator('[data-test-id="parameter-input-resource"]').first();
			await resource.click();
			await page.waitForTimeout(500);
			const resources = await dropdownTexts(page);
			check('resource selector lists CRM, Bigin and Books', ['CRM', 'Bigin', 'Books'].every((p) => resources.some((r) => r.includes(p))), resources.join(', ').slice(0, 200));
			await page.keyboard.press('Escape');
			await page.waitForTimeout(300);
			const operation = ndv.locator('[data-test-id="parameter-input-operation"]').first();
			await operation.click();
			await page.waitForTimeout(500);
			const operations = await dropdownTexts(page);
			check('operation selector lists the operations', operations.length >= 2, operations.join(', ').slice(0, 200));
			await shot(page, 'operations');
			await page.keyboard.press('Escape');
			await page.waitForTimeout(300);
			const from = ndv.locator('[data-test-id="parameter-input-from"], [data-test-id="resource-locator-from"]').first();
			if (await from.count()) {
				await emulator.clearRequests();
				await from.locator('[data-test-id="rlc-input"]').first().click();
				await page.waitForTimeout(1500);
				const addresses = await dropdownTexts(page);
				const requests = await emulator.requests();
				check(
					'from-address picker loads from the emulator',
					addresses.some((a) => a.includes('@')) && requests.some((r) => r.path.includes('from_addresses')),
					`${addresses.length} entries (${addresses.slice(0, 3).join(' | ')}), emulator saw ${requests.map((r) => r.path).join(', ')}`,
				);
				await shot(page, 'from-address-picker');
				await page.keyboard.press('Escape');
			} else {
				check('from-address picker present', false, `node "${node.name}" shows no From parameter`);
			}
			await closeNode(page);
			// Run it from the editor and show the output.
			await page.locator('[data-test-id="execute-workflow-button"]').first().click();
			await page.waitForTimeout(4000);
			const ndv2 = await openNode(page, node.name);
			const output = await ndv2.innerText();
			const shown = /\b(\d+) items?\b/.exec(output);
			check('workflow runs from the editor and shows output', Boolean(shown && Number(shown[1]) >= 1), shown ? shown[0] : output.replace(/\s+/g, ' ').slice(0, 160));
			await shot(page, 'node-output');
			await closeNode(page);
		} else {
			check('an example with the Zoho Email node', false, `no example with ${ACTION_TYPE}`);
		}

		// The trigger.
		// The CRM trigger is the one the README's screenshot shows.
		const triggerExample = examples.find((e) => e.triggerNode && String(e.triggerNode.parameters?.source ?? 'crmRecords').startsWith('crm')) ?? examples.find((e) => e.triggerNode);
		if (triggerExample) {
			await openWorkflow(page, n8n.url, triggerExample.id);
			const ndv = await openNode(page, triggerExample.triggerNode.name);
			const text = await ndv.innerText();
			check('trigger parameters render', /Source|Poll/i.test(text), text.replace(/\s+/g, ' ').slice(0, 160));
			const fetchButton = ndv.locator('[data-test-id="node-execute-button"]').first();
			if (await fetchButton.count()) {
				await fetchButton.click();
				await page.waitForTimeout(4000);
				const after = /\b(\d+) items?\b/.exec(await ndv.innerText());
				check('trigger "Fetch Test Event" returns an item', Boolean(after && Number(after[1]) >= 1), after ? after[0] : 'no item count shown');
				await page.mouse.move(5, 795);
			}
			await shot(page, 'trigger');
			await closeNode(page);
		} else {
			check('a trigger example', false, `no example with ${TRIGGER_TYPE}`);
		}
	} finally {
		await context.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
		await demo.stop();
	}
	console.log(failures ? `${failures} check(s) failed` : 'all screenshot checks passed');
	process.exitCode = failures ? 1 : 0;
}

main().catch((error) => {
	console.error(error instanceof Error ? error.stack : error);
	process.exit(1);
});
