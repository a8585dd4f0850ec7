// @ts-check
'use strict';

/**
 * What a node returned, in lines a person reads: each item's JSON (long ones shortened), and its binary
 * properties with file name, type and size.
 */

/** Items shown per node before "… and N more". */
const SHOWN_ITEMS = 3;
/** Characters of one item's JSON shown before it is cut. */
const ITEM_CHARS = 500;

/**
 * Every item a node produced on its first output, over all its runs.
 * @param {any} run an `n8n execute` run or a public-API execution
 * @param {string} nodeName
 * @returns {Array<{ json: any, binary?: Record<string, any> }>}
 */
function outputItems(run, nodeName) {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!Array.isArray(runs)) return [];
	return runs.flatMap((r) => (Array.isArray(r?.data?.main?.[0]) ? r.data.main[0] : []));
}

/**
 * The size of one binary property: counted from its base64 data when the run carries it, else n8n's own
 * `fileSize` text.
 * @param {any} binary
 */
function binarySize(binary) {
	const data = typeof binary?.data === 'string' ? binary.data : '';
	// Binary data kept outside the run (filesystem or database mode) is a reference, not base64.
	if (data && !binary.id && /^[A-Za-z0-9+/]+=*$/.test(data.slice(0, 200))) {
		return `${Buffer.from(data, 'base64').length} bytes`;
	}
	return binary?.fileSize ? String(binary.fileSize) : 'size unknown';
}

/**
 * One line per binary property of an item.
 * @param {Record<string, any> | undefined} binary
 * @returns {string[]}
 */
function describeBinary(binary) {
	if (!binary || typeof binary !== 'object') return [];
	return Object.entries(binary).map(
		([key, b]) => `binary "${key}": ${b?.fileName ?? '(no file name)'} (${b?.mimeType ?? 'unknown type'}, ${binarySize(b)})`,
	);
}

/**
 * Lines describing what a node returned.
 * @param {any} run
 * @param {string} nodeName
 * @param {string} indent
 * @returns {string[]}
 */
function describeOutput(run, nodeName, indent = '    ') {
	const items = outputItems(run, nodeName);
	const lines = [`${indent}${nodeName}: ${items.length} item(s)`];
	items.slice(0, SHOWN_ITEMS).forEach((item, i) => {
		const text = JSON.stringify(item.json ?? null);
		lines.push(`${indent}  [${i}] ${text.length > ITEM_CHARS ? `${text.slice(0, ITEM_CHARS)}… (${text.length} characters)` : text}`);
		for (const line of describeBinary(item.binary)) lines.push(`${indent}      ${line}`);
	});
	if (items.length > SHOWN_ITEMS) lines.push(`${indent}  … and ${items.length - SHOWN_ITEMS} more item(s)`);
	return lines;
}

/**
 * Message IDs found anywhere in the JSON of a node's items (Zoho calls them `message_id`; the node may
 * also return `messageId`).
 * @param {any} run
 * @param {string} nodeName
 * @returns {string[]}
 */
function messageIds(run, nodeName) {
	/** @type {string[]} */
	const found = [];
	/** @param {any} value */
	const walk = (value) => {
		if (!value || typeof value !== 'object') return;
		for (const [key, v] of Object.entries(value)) {
			if ((key === 'message_id' || key === 'messageId') && typeof v === 'string') found.push(v);
			else walk(v);
		}
	};
	for (const item of outputItems(run, nodeName)) walk(item.json);
	return found;
}

module.exports = { outputItems, describeOutput, describeBinary, messageIds };
