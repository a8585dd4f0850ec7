// @ts-check
'use strict';

const { crmError, crmItemError, json } = require('./replies');
const { isObject } = require('./values');

/**
 * Bounced addresses and Unblock Email Address (`POST /{module}/{id}/actions/unblock_email`, Zoho's
 * Unblock Email Address API page and `../shared/oas/crm-v8.0/unblock_email.json`). A blocked address
 * is skipped by send_mail and reported in `details.blocked_email_addresses` (v8 OAS send_mail.json).
 * Only soft bounces can be unblocked, at most 5 times; the error bodies for a hard bounce and for a
 * sixth unblock are UNCONFIRMED (Zoho documents the rules, not the answers).
 *
 * @typedef {import('./replies').Reply} Reply
 * @typedef {{ reason: string, permanent: boolean, unblocks: number, active: boolean }} Block
 */

const FIELDS = ['Email', 'Secondary_Email'];
const MAX_UNBLOCKS = 5;

/**
 * The block of an address, if any.
 * @param {any} crm
 * @param {unknown} address
 * @returns {Block | undefined}
 */
function blockOf(crm, address) {
	const block = typeof address === 'string' ? crm.blocked.get(address.toLowerCase()) : undefined;
	return block && block.active ? block : undefined;
}

/**
 * Blocks an address (a bounce).
 * @param {any} crm
 * @param {string} address
 * @param {{ permanent?: boolean, reason?: string }} [opts]
 */
function blockAddress(crm, address, opts = {}) {
	const old = crm.blocked.get(address.toLowerCase());
	crm.blocked.set(address.toLowerCase(), {
		reason: opts.reason ?? (opts.permanent ? 'Hard bounce: the address does not exist' : 'Retries Exhausted. Host not reachable.'),
		permanent: opts.permanent === true,
		unblocks: old ? old.unblocks : 0,
		active: true,
	});
}

/**
 * POST /{module}/{id}/actions/unblock_email with `{unblock_fields: [...]}`.
 * @param {any} ctx
 * @param {any} crm
 * @param {Record<string, any>} record
 * @returns {Reply}
 */
function unblockRecord(ctx, crm, record) {
	if (ctx.bodyError || !isObject(ctx.body)) return crmError(400, 'INVALID_DATA', 'body', {});
	const fields = ctx.body.unblock_fields;
	if (fields === undefined || fields === null || (Array.isArray(fields) && fields.length === 0)) {
		return crmItemError('data', 400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'unblock_fields', json_path: '$.unblock_fields' });
	}
	if (!Array.isArray(fields)) return crmItemError('data', 400, 'INVALID_DATA', 'invalid data', { api_name: 'unblock_fields', json_path: '$.unblock_fields', expected_data_type: 'jsonarray' });
	const unknown = fields.findIndex((f) => !FIELDS.includes(f));
	if (unknown >= 0) return crmItemError('data', 400, 'INVALID_DATA', 'invalid data', { api_name: 'unblock_fields', json_path: `$.unblock_fields[${unknown}]` });
	for (const field of fields) {
		const block = blockOf(crm, record[field]);
		if (!block) continue;
		if (block.permanent) return crmItemError('data', 400, 'NOT_ALLOWED', 'permanently blocked emails cannot be unblocked', { api_name: field, id: record.id });
		if (block.unblocks >= MAX_UNBLOCKS) return crmItemError('data', 400, 'LIMIT_EXCEEDED', 'the email can be unblocked only 5 times', { api_name: field, id: record.id });
	}
	for (const field of fields) {
		const address = record[field];
		const block = blockOf(crm, address);
		if (!block) continue;
		block.unblocks += 1;
		block.active = false;
	}
	return json({ data: [{ code: 'SUCCESS', details: { id: record.id }, message: 'Email unblocked successfully', status: 'success' }] });
}

module.exports = { blockOf, blockAddress, unblockRecord, MAX_UNBLOCKS };
