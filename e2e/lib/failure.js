// @ts-check
'use strict';

/**
 * Failures a person can act on: what failed, what to do, and where the full log is. The demo and the
 * end-to-end suites print these two or three lines instead of pages of n8n's own log.
 */

class ActionableError extends Error {
	/**
	 * @param {string} what what failed, in one line
	 * @param {string} todo what to do about it, in one line
	 * @param {string} [logFile] where the full output is kept
	 */
	constructor(what, todo, logFile) {
		super(what);
		this.name = 'ActionableError';
		this.todo = todo;
		this.logFile = logFile;
	}
}

/**
 * The lines to print for an error: an ActionableError as "what / what to do / log", anything else as
 * its message (a bug in the scripts themselves: the stack says where).
 * @param {unknown} error
 * @returns {string[]}
 */
function explain(error) {
	if (error instanceof ActionableError) {
		return [`✘ ${error.message}`, `  What to do: ${error.todo}`, ...(error.logFile ? [`  Full log: ${error.logFile}`] : [])];
	}
	return [`✘ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
}

/**
 * The last error-level message in n8n's output (JSON log lines, or plain text), for a one-line reason.
 * @param {string} output
 */
function lastError(output) {
	const lines = output.split('\n').filter((l) => l.trim());
	for (let i = lines.length - 1; i >= 0; i--) {
		const line = lines[i];
		try {
			const entry = JSON.parse(line);
			if (entry && entry.level === 'error' && entry.message) return String(entry.message).split('\n')[0].slice(0, 300);
		} catch {
			if (/error/i.test(line)) return line.trim().slice(0, 300);
		}
	}
	return lines.length ? lines[lines.length - 1].trim().slice(0, 300) : '';
}

module.exports = { ActionableError, explain, lastError };
