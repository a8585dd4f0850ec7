// @ts-check
'use strict';

const { listExecutions } = require('./checks');
const { outputItems } = require('./report');

/**
 * What a trigger workflow emitted, read from n8n's executions (public API): which email went out in
 * which execution, and how that compares with the emails added to the emulator.
 */

/**
 * @typedef {{ execution: string, startedMs: number }} Emission
 * @typedef {{ byMessage: Map<string, Emission[]>, executions: number, failed: string[] }} Emitted
 */

/**
 * Every email the trigger emitted, by Zoho message id, with the executions that emitted it.
 * @param {{ http: import('./n8n').N8n['http'] }} n8n
 * @param {string} apiKey
 * @param {string} workflowId
 * @param {string} triggerName
 * @returns {Promise<Emitted>}
 */
async function emissions(n8n, apiKey, workflowId, triggerName) {
	const executions = (await listExecutions(n8n, apiKey, workflowId, true)).filter((e) => e.mode === 'trigger');
	/** @type {Map<string, Emission[]>} */
	const byMessage = new Map();
	/** @type {string[]} */
	const failed = [];
	for (const e of executions) {
		// A poll that failed is saved as an execution in error; it emitted nothing.
		if (e.status !== 'success') failed.push(`${e.id} ${e.status}`);
		for (const item of outputItems(e, triggerName)) {
			const id = item.json?.message_id;
			if (typeof id !== 'string') continue;
			const list = byMessage.get(id) ?? [];
			list.push({ execution: String(e.id), startedMs: Date.parse(e.startedAt) });
			byMessage.set(id, list);
		}
	}
	return { byMessage, executions: executions.length, failed };
}

/**
 * Added against emitted: how many of the added emails went out, how many times too often, and which
 * never did. Emails emitted that were not added (none are expected) are counted apart.
 * @param {string[]} added message ids, in the order they were added
 * @param {Map<string, Emission[]>} byMessage
 */
function tally(added, byMessage) {
	const addedSet = new Set(added);
	const lost = added.filter((id) => !byMessage.has(id));
	let duplicates = 0;
	/** @type {string[]} */
	const duplicated = [];
	for (const id of added) {
		const n = byMessage.get(id)?.length ?? 0;
		if (n > 1) {
			duplicates += n - 1;
			duplicated.push(id);
		}
	}
	const unexpected = [...byMessage.keys()].filter((id) => !addedSet.has(id)).length;
	return { added: added.length, emitted: added.length - lost.length, duplicates, duplicated, lost: lost.length, lostIds: lost, unexpected };
}

module.exports = { emissions, tally };
