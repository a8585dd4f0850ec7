// @ts-check
'use strict';

/**
 * Admin HTTP routes that make engagement happen (admin.js sends here what it does not know): a customer
 * viewing a Books document, a CRM email opened, bounced or replied to. Same rules as admin.js: every field bounded, 400 `{error}` naming it.
 * @typedef {import('./replies').Reply} Reply
 */

const ID_LENGTH = 100;
/** A message ID (Zoho's are up to 96 characters), a bounce reason or category. */
const TEXT_LENGTH = 500;

/** @param {unknown} value @param {string} name */
function id(value, name) {
	if (typeof value !== 'string' || value.length === 0 || value.length > ID_LENGTH) throw new Error(`${name} must be a string of 1 to ${ID_LENGTH} characters`);
	return value;
}

/** @param {unknown} value @param {string} name */
function text(value, name) {
	if (typeof value !== 'string' || value.length === 0 || value.length > TEXT_LENGTH) throw new Error(`${name} must be a string of 1 to ${TEXT_LENGTH} characters`);
	return value;
}

/** @param {unknown} value @param {string} name */
function optional(value, name) {
	return value === undefined ? undefined : text(value, name);
}

/**
 * @param {any} emu the emulator API object
 * @param {string} route `METHOD /path`
 * @param {Record<string, any>} body
 * @returns {Reply | undefined} undefined for a route this file does not serve
 */
function engagementRoute(emu, route, body) {
	switch (route) {
		case 'POST /__admin/books/views':
			return { status: 201, body: { document: emu.data.books.viewDocument(id(body.organizationId, 'organizationId'), id(body.entity, 'entity'), id(body.id, 'id')) } };
		case 'POST /__admin/crm/opens':
			// openEmail bounds `times` (1 to 1000, 1 when absent) before it changes anything.
			return { status: 201, body: emu.data.crm.openEmail(id(body.module, 'module'), id(body.recordId, 'recordId'), text(body.messageId, 'messageId'), body.times) };
		case 'POST /__admin/crm/bounces': {
			const why = { reason: optional(body.reason, 'reason'), category: optional(body.category, 'category'), subCategory: optional(body.subCategory, 'subCategory') };
			return { status: 201, body: emu.data.crm.bounceEmail(id(body.module, 'module'), id(body.recordId, 'recordId'), text(body.messageId, 'messageId'), why) };
		}
		case 'POST /__admin/crm/replies': {
			/** @type {Record<string, any>} */
			const fields = {};
			if (body.subject !== undefined) fields.subject = text(body.subject, 'subject');
			if (body.intent !== undefined) fields.intent = text(body.intent, 'intent');
			if (body.sentimentInfo !== undefined) fields.sentiment_info = text(body.sentimentInfo, 'sentimentInfo');
			if (body.emotion !== undefined) fields.emotion = text(body.emotion, 'emotion');
			return { status: 201, body: emu.data.crm.replyToEmail(id(body.module, 'module'), id(body.recordId, 'recordId'), text(body.messageId, 'messageId'), fields) };
		}
		default:
			return undefined;
	}
}

module.exports = { engagementRoute };
