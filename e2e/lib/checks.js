// @ts-check
'use strict';

/**
 * Reading n8n runs and executions (`n8n execute` output and public-API executions share the
 * `data.resultData` shape).
 */

/**
 * Items a node produced on its first output, over all its runs.
 * @param {any} run
 * @param {string} nodeName
 */
function itemsOf(run, nodeName) {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!Array.isArray(runs)) return 0;
	return runs.reduce((sum, r) => sum + (Array.isArray(r?.data?.main?.[0]) ? r.data.main[0].length : 0), 0);
}

/**
 * The error of a run, in one line ('' when none).
 * @param {any} run
 */
function runError(run) {
	const resultData = run?.data?.resultData;
	if (!resultData) return '';
	/** @param {any} e */
	const describe = (e) => [e.name, e.message, e.description].filter(Boolean).join(': ');
	if (resultData.error) return describe(resultData.error);
	for (const [node, runs] of Object.entries(resultData.runData ?? {})) {
		for (const r of /** @type {any[]} */ (runs)) if (r?.error) return `${node}: ${describe(r.error)}`;
	}
	return '';
}

/**
 * Successful trigger-mode executions in which the trigger node emitted items, newest first.
 * @param {any[]} executions
 * @param {string} triggerName
 */
function triggerExecutions(executions, triggerName) {
	return executions
		.filter((e) => e.mode === 'trigger' && e.status === 'success')
		.map((e) => ({ id: String(e.id), mode: String(e.mode), status: String(e.status), items: itemsOf(e, triggerName) }))
		.filter((e) => e.items >= 1);
}

/** @param {unknown} value */
function plain(value) {
	if (value && typeof value === 'object' && 'value' in value) return String(/** @type {any} */ (value).value ?? '');
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * The record IDs a "CRM: New Email on Chosen Records" trigger lists in its "Records" pickers.
 * @param {any} params the trigger node's parameters
 * @returns {string[]}
 */
function watchedIds(params) {
	const rows = Array.isArray(params?.records?.record) ? params.records.record : [];
	return rows.map((/** @type {any} */ row) => plain(row?.recordId)).filter((/** @type {string} */ id) => /^\d+$/.test(id));
}

/**
 * The CRM record whose new emails a trigger example watches (`POST /__admin/crm/emails` adds them), read
 * from the trigger's parameters; null when the trigger watches Zoho Books.
 * @param {{ triggerNode?: any }} example
 * @returns {{ module: string, recordId: string } | null}
 */
function emailTarget(example) {
	const params = example.triggerNode?.parameters ?? {};
	const source = plain(params.source ?? 'crmRecords');
	if (!source.startsWith('crm')) return null;
	const module = plain(params.module) || 'Contacts';
	// crmRecords lists the watched ids; crmModule watches the whole module (any of its records will do).
	const listed = watchedIds(params);
	const fallback = /** @type {Record<string, string>} */ ({ Leads: '5725767000000501001', Contacts: '5725767000000502001', Accounts: '5725767000000503001', Deals: '5725767000000504001' });
	const recordId = listed[0] ?? fallback[module];
	return recordId ? { module, recordId } : null;
}

/**
 * Every execution of a workflow through the public API (newest first), following its pages (at most
 * 2,000 executions).
 * @param {{ http: import('./n8n').N8n['http'] }} n8n
 * @param {string} apiKey
 * @param {string} workflowId
 * @param {boolean} includeData
 * @returns {Promise<any[]>}
 */
async function listExecutions(n8n, apiKey, workflowId, includeData) {
	/** @type {any[]} */
	const all = [];
	let cursor = '';
	for (let page = 0; page < 20; page++) {
		const route = `/api/v1/executions?workflowId=${workflowId}&includeData=${includeData}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const res = await n8n.http('GET', route, { apiKey });
		if (res.status !== 200) throw new Error(`GET executions: ${res.status} ${res.text.slice(0, 300)}`);
		all.push(...res.json.data);
		cursor = res.json.nextCursor ?? '';
		if (!cursor) break;
	}
	return all;
}

module.exports = { itemsOf, runError, triggerExecutions, emailTarget, watchedIds, listExecutions };
