// @ts-check
'use strict';

const path = require('node:path');

const { ALL_SCOPES } = require('../../emulator/scopes');
const { Service, waitFor } = require('./proc');
const { ROOT } = require('./n8n');

/**
 * The Zoho emulator as a separate process (`node emulator/cli.js --port N`), and a client for its
 * admin API (`/__admin/...`).
 */

/**
 * @typedef {{ method: string, path: string, authorization: string, status: number | undefined, raw: any }} LoggedRequest
 * A request from the emulator's log, normalised.
 */

/** @param {any} entry @returns {LoggedRequest} */
function normaliseRequest(entry) {
	const headers = entry.headers ?? entry.request?.headers ?? {};
	const url = String(entry.path ?? entry.url ?? entry.request?.url ?? '');
	const status = entry.status ?? entry.statusCode ?? entry.response?.status ?? entry.response?.statusCode;
	return {
		method: String(entry.method ?? entry.request?.method ?? '').toUpperCase(),
		path: url.split('?')[0],
		authorization: String(headers.authorization ?? headers.Authorization ?? entry.authorization ?? ''),
		status: typeof status === 'number' ? status : status === undefined || status === null ? undefined : Number(status),
		raw: entry,
	};
}

/** @param {LoggedRequest} r */
const isAdmin = (r) => r.path.startsWith('/__admin');
/** @param {LoggedRequest} r */
const isTokenEndpoint = (r) => /\/oauth\/v2\/token$/.test(r.path);

class Emulator {
	/** @param {number} port */
	constructor(port) {
		this.port = port;
		this.url = `http://127.0.0.1:${port}`;
		/** @type {Service | null} */
		this.service = null;
		this.clientId = '';
		this.clientSecret = '';
	}

	/** Starts `node emulator/cli.js --port <port>` and waits until its admin API answers. */
	async start() {
		const service = new Service('emulator', process.execPath, [path.join(ROOT, 'emulator', 'cli.js'), '--port', String(this.port)], { cwd: ROOT });
		this.service = service;
		try {
			await waitFor(
				'the emulator',
				async () => {
					if (service.exited) throw new Error('exited');
					const res = await fetch(`${this.url}/__admin/stats`);
					return res.ok;
				},
				{ timeoutMs: 20000, intervalMs: 150 },
			);
		} catch (error) {
			await service.stop();
			throw new Error(`emulator did not start (${error instanceof Error ? error.message : error}):\n${service.output.slice(-2000)}`);
		}
		// The CLI prints the OAuth client it accepts.
		await waitFor('the emulator banner', async () => /client.?secret/i.test(service.output), { timeoutMs: 5000, intervalMs: 100 }).catch(() => undefined);
		this.clientId = matchValue(service.output, /client.?id\W+(\S+)/i);
		this.clientSecret = matchValue(service.output, /client.?secret\W+(\S+)/i);
		return this;
	}

	async stop() {
		if (this.service) await this.service.stop(5000);
		this.service = null;
	}

	/**
	 * @param {string} method
	 * @param {string} route under /__admin/
	 * @param {unknown} [body]
	 * @returns {Promise<any>}
	 */
	async admin(method, route, body) {
		const res = await fetch(`${this.url}/__admin/${route}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`emulator ${method} /__admin/${route}: ${res.status} ${text.slice(0, 300)}`);
		try {
			return text ? JSON.parse(text) : null;
		} catch {
			return text;
		}
	}

	/**
	 * A fresh token pair `{access_token, refresh_token, api_domain, token_type, expires_in}` with every
	 * scope the credential can ask for, the opt-in ones included (the suites' credential turns them on).
	 */
	async tokens() {
		const pair = await this.admin('POST', 'tokens', { scopes: ALL_SCOPES });
		const tokens = pair.access_token ? pair : (pair.tokens ?? pair.data ?? pair);
		if (!tokens.access_token || !tokens.refresh_token) throw new Error(`unexpected /__admin/tokens answer: ${JSON.stringify(pair)}`);
		if (!this.clientId && pair.client_id) this.clientId = pair.client_id;
		if (!this.clientSecret && pair.client_secret) this.clientSecret = pair.client_secret;
		return tokens;
	}

	/** The request log (admin calls excluded), oldest first. @returns {Promise<LoggedRequest[]>} */
	async requests() {
		const body = await this.admin('GET', 'requests');
		const list = Array.isArray(body) ? body : (body.requests ?? body.data ?? []);
		return list.map(normaliseRequest).filter((/** @type {LoggedRequest} */ r) => !isAdmin(r));
	}

	/** Back to the seeded data (each n8n version starts from the same state; Zoho rejects e.g. re-associating an email). */
	reset() {
		return this.admin('POST', 'reset', {});
	}

	clearRequests() {
		return this.admin('DELETE', 'requests');
	}

	/** Expires the access tokens issued so far, or only those issued before `issuedBefore` (epoch ms). @param {number} [issuedBefore] */
	expireTokens(issuedBefore) {
		return this.admin('POST', 'expire-tokens', issuedBefore === undefined ? {} : { issuedBefore });
	}

	/**
	 * Adds `count` new emails to a CRM record.
	 * @param {string} module
	 * @param {string} recordId
	 * @param {number} count
	 */
	addCrmEmails(module, recordId, count) {
		return this.admin('POST', 'crm/emails', { module, recordId, count });
	}

	/**
	 * Creates a Books document now, not emailed; returns it.
	 * @param {string} organizationId
	 * @param {string} entity e.g. `invoices`
	 * @param {Record<string, unknown>} [fields] `customerId`, `status`, `total`, `emailed`
	 */
	async addBooksDocument(organizationId, entity, fields = {}) {
		return (await this.admin('POST', 'books/documents', { organizationId, entity, ...fields })).documents[0];
	}

	/**
	 * Emails a Books document as `POST /{entity}/{id}/email` with Zoho's default content does.
	 * @param {string} organizationId
	 * @param {string} entity
	 * @param {string} id
	 */
	emailBooksDocument(organizationId, entity, id) {
		return this.admin('POST', 'books/email', { organizationId, entity, id });
	}

	/**
	 * Sends a payment reminder for an unpaid invoice; returns the invoice.
	 * @param {string} organizationId
	 * @param {string} invoiceId
	 */
	async remindBooksInvoice(organizationId, invoiceId) {
		return (await this.admin('POST', 'books/reminders', { organizationId, invoiceId })).invoice;
	}
}

/**
 * @param {string} text
 * @param {RegExp} re
 */
function matchValue(text, re) {
	const m = re.exec(text);
	return m ? m[1].replace(/^["']|["',]+$/g, '') : '';
}

/** @param {LoggedRequest} r */
function tokenOf(r) {
	const m = /^(?:Bearer|Zoho-oauthtoken)\s+(\S+)$/i.exec(r.authorization.trim());
	return m ? m[1] : '';
}

module.exports = { Emulator, isTokenEndpoint, tokenOf };
