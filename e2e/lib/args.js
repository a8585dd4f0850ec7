// @ts-check
'use strict';

/** @typedef {import('./n8n').Major} Major */

/**
 * The command line shared by the real-n8n suites: `--only 1|2`, `--tarball FILE`, `--keep`, and any
 * other `--name value` option. Exits with the usage line on a bad `--only`.
 * @param {string} usage printed on a bad command line
 */
function suiteArgs(usage) {
	const args = process.argv.slice(2);
	/** @param {string} name */
	const option = (name) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const only = option('--only');
	if (only !== undefined && only !== '1' && only !== '2') {
		console.error(`usage: ${usage}`);
		process.exit(2);
	}
	/** @type {Major[]} */
	const majors = only ? [/** @type {Major} */ (Number(only))] : [2, 1];
	return { option, majors, givenTarball: option('--tarball'), keep: args.includes('--keep') };
}

module.exports = { suiteArgs };
