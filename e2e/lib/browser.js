// @ts-check
'use strict';

const fs = require('node:fs');

const { chromium } = require('playwright-core');

const { seconds } = require('./proc');

/**
 * One unattended run of a browser suite (e2e/editor.js, e2e/oauth.js): Debian's chromium headless,
 * checks counted as they pass or fail, a deadline for the whole run, and everything the run starts
 * stopped on the way out (deadline, Ctrl+C, a stray rejection inside Playwright), with a screenshot of
 * the page when a check failed.
 *
 * @typedef {import('playwright-core').Page} Page
 */

const CHROMIUM = '/usr/bin/chromium';
// Without the background-networking flags chromium keeps dialling Google's hosts, which a closed network refuses.
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DEADLINE_MS = 15 * 60 * 1000;

/** @param {string} text */
const oneLine = (text) => text.replace(/\s+/g, ' ').trim();

/**
 * @param {Page} page
 * @param {string} url
 * @param {{ email: string, password: string }} owner
 */
async function signIn(page, url, owner) {
	await page.goto(`${url}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"], input[name="email"], input[type="email"]').first().fill(owner.email);
	await page.locator('input[type="password"]').first().fill(owner.password);
	await page.locator('[data-test-id="form-submit-button"], button[type="submit"]').first().click();
	await page.waitForURL((u) => !u.pathname.includes('signin'), { timeout: 30000 });
}

class BrowserRun {
	/**
	 * @param {string} name what the summary line starts with
	 * @param {string} failureShot where the page is saved when a check failed
	 */
	constructor(name, failureShot) {
		this.name = name;
		this.failureShot = failureShot;
		this.failures = 0;
		/** @type {import('playwright-core').Browser | null} */
		this.browser = null;
		/** @type {Page | null} */
		this.page = null;
		/** @type {Array<() => unknown>} stopped last-registered first, after the browser */
		this.stops = [];
		this.stopping = false;
	}

	/**
	 * @param {string} what
	 * @param {boolean} ok
	 * @param {string} [detail]
	 */
	check(what, ok, detail = '') {
		if (!ok) this.failures++;
		console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` - ${detail}` : ''}`);
		return ok;
	}

	/** Something to stop on the way out (n8n, the emulator, a temporary folder). @param {() => unknown} stop */
	onStop(stop) {
		this.stops.push(stop);
	}

	/** Chromium, one context and its page. Leaving a workflow whose node panel was opened asks "leave the page?": the answer is yes. */
	async openPage() {
		this.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
		const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
		const page = await context.newPage();
		page.setDefaultTimeout(30000);
		page.on('dialog', (dialog) => {
			dialog.accept().catch(() => undefined);
		});
		this.page = page;
		return { context, page };
	}

	async stop() {
		if (this.stopping) return;
		this.stopping = true;
		if (this.failures && this.page) {
			// What the browser showed when the run went wrong, kept for the CI log.
			await this.page.screenshot({ path: this.failureShot }).then(() => console.error(`screenshot of the page: ${this.failureShot}`)).catch(() => undefined);
		}
		if (this.browser) await this.browser.close().catch(() => undefined);
		for (const stop of [...this.stops].reverse()) await stop();
	}

	/**
	 * Runs `body` under the deadline, stops everything, prints the summary and sets the exit code.
	 * @param {() => Promise<void>} body
	 */
	async run(body) {
		const started = Date.now();
		if (!fs.existsSync(CHROMIUM)) {
			console.error(`${CHROMIUM} is missing: install it with \`bash e2e/install-browser.sh\`, then run this again.`);
			process.exit(1);
		}
		const deadline = setTimeout(() => {
			console.error(`FAIL the browser test did not finish within ${seconds(DEADLINE_MS)}; stopping n8n, the emulator and chromium`);
			this.stop().finally(() => process.exit(1));
		}, DEADLINE_MS);
		for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
			process.on(signal, () => this.stop().finally(() => process.exit(1)));
		}
		// A stray rejection inside Playwright must not leave n8n and the emulator running.
		process.on('unhandledRejection', (reason) => {
			console.error(`FAIL ${reason instanceof Error ? reason.stack : reason}`);
			this.stop().finally(() => process.exit(1));
		});
		try {
			await body();
		} catch (error) {
			this.failures++;
			throw error;
		} finally {
			clearTimeout(deadline);
			await this.stop();
		}
		console.log(`\n${this.name}: ${this.failures ? `${this.failures} check(s) failed` : 'all checks passed'} in ${seconds(Date.now() - started)}`);
		process.exitCode = this.failures ? 1 : 0;
	}
}

module.exports = { BrowserRun, oneLine, signIn };
