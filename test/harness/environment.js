// @ts-check
'use strict';

const { TestEnvironment } = require('jest-environment-node');

/**
 * Jest's node environment, plus n8n's log per test: ./logger.js records what n8n logs into
 * `__n8nLogLines`; it is emptied when a test starts and printed with the test's failure, so a passing
 * run shows only the results and a failing test shows what n8n said while it ran.
 */
class HarnessEnvironment extends TestEnvironment {
	/** @param {ConstructorParameters<typeof TestEnvironment>} args */
	constructor(...args) {
		super(...args);
		/** @type {string[]} */
		this.n8nLog = [];
		this.global.__n8nLogLines = this.n8nLog;
	}

	/** @param {any} event jest-circus's test event */
	async handleTestEvent(event) {
		if (event.name === 'test_start') this.n8nLog.length = 0;
		if (event.name === 'test_done' && event.test.errors.length > 0 && this.n8nLog.length > 0) {
			/** @type {string[]} */
			const names = [];
			for (let block = event.test; block && block.name !== 'ROOT_DESCRIBE_BLOCK'; block = block.parent) names.unshift(block.name);
			const text = `n8n's log while "${names.join(' › ')}" ran (it failed):\n  ${this.n8nLog.join('\n  ')}\n`;
			process.stderr.write(text);
		}
	}
}

module.exports = HarnessEnvironment;
