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

/**
 * Every item a trigger emitted in its successful trigger-mode executions, oldest execution first, each
 * under the key `keyOf` gives it (an event's key, a new email's message ID).
 * @param {any[]} executions n8n's executions with their data
 * @param {string} triggerName
 * @param {(json: any) => string} keyOf
 */
function emittedItems(executions, triggerName, keyOf) {
	const list = executions.filter((e) => e.mode === 'trigger' && e.status === 'success').sort((a, b) => Number(a.id) - Number(b.id));
	return list.flatMap((e) => outputItems(e, triggerName).map((item) => ({ execution: String(e.id), key: keyOf(item.json), json: item.json })));
}

/**
 * Emitted items against the keys made: which never came out, which came out more than once, which came
 * out though `made` does not know them, and the words for each (empty when none).
 * @param {Array<{ execution: string, key: string }>} items
 * @param {string[]} expected
 * @param {(key: string) => boolean} made
 */
function onceEach(items, expected, made) {
	/** @type {Map<string, number>} */
	const counts = new Map();
	for (const e of items) counts.set(e.key, (counts.get(e.key) ?? 0) + 1);
	const missing = expected.filter((k) => !counts.has(k));
	const repeated = [...counts].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
	const unexpected = [...counts.keys()].filter((k) => !made(k));
	return {
		ok: missing.length === 0 && repeated.length === 0 && unexpected.length === 0,
		executions: new Set(items.map((e) => e.execution)).size,
		problems: `${missing.length ? `; missing: ${missing.join(', ')}` : ''}${repeated.length ? `; repeated: ${repeated.join(', ')}` : ''}${unexpected.length ? `; unexpected: ${unexpected.join(', ')}` : ''}`,
	};
}

module.exports = { emissions, emittedItems, onceEach, tally };
