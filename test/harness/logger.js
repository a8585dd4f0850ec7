// @ts-check
'use strict';

/**
 * n8n's logger in tests (a jest setup file, run in each test file before its imports).
 *
 * n8n-core logs every error a workflow run ends with (its ErrorReporter), and n8n's logger writes to the
 * console: the tests that check Zoho's errors would print hundreds of lines of expected errors. Here
 * n8n's Logger (n8n-core's container) and n8n-workflow's LoggerProxy record into a list instead, and
 * ./environment.js prints that list with a test only when the test fails.
 *
 * With N8N_LOG_LEVEL set, n8n's own logger is left in place and prints as it does in n8n.
 */

const { createRequire } = require('node:module');

if (!process.env.N8N_LOG_LEVEL) {
	// n8n-core bundles its own copies of these packages: its services take their Logger from that container.
	const fromCore = createRequire(require.resolve('n8n-core'));
	const { Logger } = fromCore('@n8n/backend-common');
	const { Container } = fromCore('@n8n/di');
	const { LoggerProxy } = require('n8n-workflow');

	/** @type {string[]} filled per test; the environment owns it (a plain list when run without it) */
	const lines = /** @type {any} */ (globalThis).__n8nLogLines ?? [];
	/** @param {string} level */
	const record = (level) => (/** @type {unknown} */ message, /** @type {unknown} */ meta) => {
		let detail = '';
		if (meta !== undefined) {
			try {
				const text = JSON.stringify(meta);
				detail = ` ${text.length > 600 ? `${text.slice(0, 600)}…` : text}`;
			} catch {
				detail = ' [metadata not serialisable]';
			}
		}
		lines.push(`${level}: ${String(message)}${detail}`);
	};
	/** @returns {any} */
	const logger = () => ({ error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug'), scoped: logger });
	const harnessLogger = logger();
	Container.set(Logger, harnessLogger);
	LoggerProxy.init(harnessLogger);
}
