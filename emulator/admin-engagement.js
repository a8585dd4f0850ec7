// @ts-check
'use strict';

/**
 * Admin HTTP routes that make engagement happen (admin.js sends here what it does not know): a customer
 * viewing a Books document. Same rules as admin.js: every field bounded, 400 `{error}` naming it.
 * @typedef {import('./replies').Reply} Reply
 */

const ID_LENGTH = 100;

/** @param {unknown} value @param {string} name */
function id(value, name) {
	if (typeof value !== 'string' || value.length === 0 || value.length > ID_LENGTH) throw new Error(`${name} must be a string of 1 to ${ID_LENGTH} characters`);
	return value;
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
		default:
			return undefined;
	}
}

module.exports = { engagementRoute };
