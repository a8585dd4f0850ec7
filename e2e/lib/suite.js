// @ts-check
'use strict';

const { ActionableError } = require('./failure');
const { seconds } = require('./proc');

/**
 * The checks of one suite: timestamped log lines, one `ok`/`FAIL` line per check, and the closing
 * `N passed, N failed` line (which sets the exit code). Shared by e2e/run.js, e2e/queue.js and
 * e2e/agents.js.
 */
class Report {
	constructor() {
		this.started = Date.now();
		this.passed = 0;
		this.failed = 0;
	}

	/** @param {string} line */
	log(line) {
		console.log(`[${seconds(Date.now() - this.started).padStart(6)}] ${line}`);
	}

	/**
	 * Records one check.
	 * @param {string} scope e.g. `[n8n 2.41.1]`, or '' for none
	 * @param {string} name
	 * @param {boolean} ok
	 * @param {string} [detail]
	 */
	check(scope, name, ok, detail = '') {
		if (ok) this.passed++;
		else this.failed++;
		console.log(`${ok ? 'ok  ' : 'FAIL'} ${scope ? `${scope} ` : ''}${name}${detail ? ` - ${detail}` : ''}`);
	}

	/**
	 * Runs `fn`, turning a thrown error into a failed check.
	 * @param {string} scope
	 * @param {string} name
	 * @param {() => Promise<void>} fn
	 */
	async guard(scope, name, fn) {
		try {
			await fn();
		} catch (error) {
			this.check(scope, name, false, failureText(error));
		}
	}

	/** Prints `N passed, N failed` and sets the exit code. */
	close() {
		console.log(`${this.passed} passed, ${this.failed} failed`);
		process.exitCode = this.failed > 0 ? 1 : 0;
	}
}

/**
 * An error as one check detail: its message, and for an ActionableError what to do and the log's path.
 * @param {unknown} error
 * @param {{ stack?: boolean }} [opts] the stack of an unexpected error instead of its message
 */
function failureText(error, opts = {}) {
	if (error instanceof ActionableError) return `${error.message}. What to do: ${error.todo}${error.logFile ? ` Full log: ${error.logFile}` : ''}`;
	if (error instanceof Error) return opts.stack ? (error.stack ?? error.message) : error.message;
	return String(error);
}

module.exports = { Report, failureText };
