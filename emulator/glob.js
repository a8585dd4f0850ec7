// @ts-check
'use strict';

/**
 * Path globs for faults set over the admin HTTP API. A user-supplied RegExp can backtrack for minutes on
 * one request path and stall the event loop, so the admin API takes globs instead, matched by a
 * table walk in time proportional to pattern length × path length, whatever the pattern.
 *
 * Syntax: `*` matches any run of characters except `/`, `**` any run including `/`; everything else is
 * literal. The glob must match the whole pathname.
 *
 * @typedef {{ kind: 'char', ch: string } | { kind: 'star' } | { kind: 'globstar' }} GlobToken
 */

/** @param {string} glob @returns {GlobToken[]} */
function parseGlob(glob) {
	/** @type {GlobToken[]} */
	const tokens = [];
	for (let i = 0; i < glob.length; i++) {
		if (glob[i] !== '*') {
			tokens.push({ kind: 'char', ch: glob[i] });
		} else if (glob[i + 1] === '*') {
			while (glob[i + 1] === '*') i++;
			tokens.push({ kind: 'globstar' });
		} else {
			tokens.push({ kind: 'star' });
		}
	}
	return tokens;
}

/**
 * A matcher for `glob` (see above).
 * @param {string} glob
 * @returns {(path: string) => boolean}
 */
function compileGlob(glob) {
	const tokens = parseGlob(glob);
	return (path) => {
		const n = path.length;
		// can[j]: the tokens seen so far match path.slice(0, j).
		let can = new Uint8Array(n + 1);
		can[0] = 1;
		for (const token of tokens) {
			const next = new Uint8Array(n + 1);
			if (token.kind === 'char') {
				for (let j = 0; j < n; j++) if (can[j] && path[j] === token.ch) next[j + 1] = 1;
			} else {
				next[0] = can[0];
				for (let j = 1; j <= n; j++) {
					next[j] = can[j] || (next[j - 1] && (token.kind === 'globstar' || path[j - 1] !== '/')) ? 1 : 0;
				}
			}
			can = next;
		}
		return can[n] === 1;
	};
}

module.exports = { compileGlob };
