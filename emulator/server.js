// @ts-check
'use strict';

const http = require('node:http');
const { readBody, parseBody, MAX_BODY_BYTES, MAX_ADMIN_BODY_BYTES, MAX_LOGGED_RAW } = require('./body');
const { crmErr } = require('./replies');
const { handleAccounts } = require('./accounts');
const { handleCrm } = require('./crm');
const { handleBigin } = require('./bigin');
const { handleBooks } = require('./books');

/**
 * The HTTP layer: body parsing, request log, faults, latency, concurrency, product routing. Every error is
 * caught and answered with a Zoho-shaped body; the process never crashes on input.
 *
 * @typedef {import('./replies').Reply} Reply
 */

const MAIL_ACTION = /\/actions\/(send_mail|associate_email)$/;
// The request log keeps about this many bytes of bodies by default (`startEmulator({ maxLogBytes })`);
// past it the oldest entries are dropped (and counted in stats().logDropped), so a long run of large
// requests cannot exhaust memory.
const MAX_LOG_BYTES = 256 * 1024 * 1024;
// What an entry costs besides its bodies (headers, query, response), as a flat estimate.
const LOG_ENTRY_OVERHEAD = 2048;

/** @param {string} pathname @returns {'accounts' | 'crm' | 'bigin' | 'books' | 'admin' | 'unknown'} */
function classify(pathname) {
	if (pathname.startsWith('/__admin/') || pathname === '/__admin') return 'admin';
	if (pathname.startsWith('/oauth/')) return 'accounts';
	if (pathname.startsWith('/crm/')) return 'crm';
	if (pathname.startsWith('/bigin/')) return 'bigin';
	if (pathname.startsWith('/books/')) return 'books';
	return 'unknown';
}

/**
 * A product-shaped error body.
 * @param {string} product
 * @param {number} status
 * @param {string} [message]
 */
function productError(product, status, message) {
	if (product === 'books') {
		if (status === 429) return { code: 45, message: message || 'Request limit exceeded. Please try again after some time.' };
		if (status === 404) return { code: 5, message: 'Invalid URL Passed' };
		return { code: 1000, message: message || 'Internal error' };
	}
	if (product === 'accounts') return { error: 'server_error', error_description: message || 'Internal error' };
	// UNCONFIRMED: Zoho documents the 429 code and meaning, not the exact body.
	if (status === 429) return crmErr('TOO_MANY_REQUESTS', message || 'The concurrency limit of the user for the app exceeded');
	if (status === 404) return crmErr('INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one');
	if (status === 413) return crmErr('REQUEST_ENTITY_TOO_LARGE', 'the request body is too large');
	return crmErr('INTERNAL_ERROR', message || 'Internal Server Error');
}

/**
 * @param {any} state
 * @param {string} method
 * @param {string} pathname
 * @param {Record<string, string>} [query] matched against a fault's optional `query` (each value: a string, or
 *   true for "present", or false for "absent")
 */
function takeFault(state, method, pathname, query = {}) {
	const index = state.faults.findIndex((/** @type {any} */ f) => {
		if (f.method && f.method.toUpperCase() !== method) return false;
		if (f.query && !Object.entries(f.query).every(([k, v]) => (v === true ? k in query : v === false ? !(k in query) : query[k] === v))) return false;
		if (f.path instanceof RegExp) return f.path.test(pathname);
		if (typeof f.path === 'function') return f.path(pathname);
		return !f.path || pathname.startsWith(f.path);
	});
	if (index < 0) return null;
	const fault = state.faults[index];
	fault.remaining -= 1;
	if (fault.remaining <= 0) state.faults.splice(index, 1);
	return fault;
}

/**
 * Appends to the request log within MAX_LOG_BYTES, dropping the oldest entries when needed.
 * @param {any} state
 * @param {any} entry
 * @param {number} bodyBytes the raw body kept plus the parsed body (estimated by its source size)
 */
function appendLog(state, entry, bodyBytes) {
	const cost = LOG_ENTRY_OVERHEAD + bodyBytes;
	state.logCost.set(entry, cost);
	state.logBytes += cost;
	state.log.push(entry);
	let drop = 0;
	while (state.logBytes > state.maxLogBytes && drop < state.log.length - 1) {
		state.logBytes -= state.logCost.get(state.log[drop]) || 0;
		drop++;
	}
	if (drop > 0) {
		state.log.splice(0, drop);
		state.stats.logDropped += drop;
	}
}

/**
 * A timer the emulator can cancel on stop().
 * @param {any} state
 * @param {number} ms
 */
function delay(state, ms) {
	if (!ms || ms <= 0) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			state.timers.delete(timer);
			resolve(undefined);
		}, ms);
		state.timers.add(timer);
	});
}

/**
 * @param {http.ServerResponse} res
 * @param {Reply} reply
 * @param {any} entry log entry, or null
 */
function send(res, reply, entry) {
	if (entry) {
		entry.status = reply.status;
		entry.response = reply.body === undefined || reply.status === 204 || reply.status === 304 ? null : reply.body;
	}
	if (res.headersSent || res.destroyed) return;
	/** @type {Record<string, string | number>} */
	const headers = { ...(reply.headers || {}) };
	/** @type {Buffer} */
	let payload = Buffer.alloc(0);
	if (reply.raw) payload = reply.raw;
	else if (reply.body !== undefined && reply.status !== 204 && reply.status !== 304) {
		payload = Buffer.from(JSON.stringify(reply.body));
		headers['content-type'] = headers['content-type'] || 'application/json;charset=UTF-8';
	}
	if (reply.status !== 204 && reply.status !== 304) headers['content-length'] = payload.length;
	res.writeHead(reply.status, headers);
	res.end(reply.status === 204 || reply.status === 304 ? undefined : payload);
}

/**
 * Acquires a concurrency slot; returns a release function, or null when over the limit.
 * @param {any} state
 * @param {string} product
 * @param {Record<string, string>} query
 * @param {string} pathname
 */
function acquireSlot(state, product, query, pathname) {
	const key = product === 'books' ? `books:${query.organization_id || '-'}` : product;
	const keys = [key];
	const limits = [state.limits.concurrency];
	if (MAIL_ACTION.test(pathname)) {
		keys.push(`${key}:mail`);
		limits.push(state.limits.mailConcurrency);
	}
	if (keys.some((k, i) => (state.inFlight.get(k) || 0) >= limits[i])) return null;
	for (const k of keys) state.inFlight.set(k, (state.inFlight.get(k) || 0) + 1);
	state.inFlightTotal += 1;
	state.stats.inFlightMax = Math.max(state.stats.inFlightMax, state.inFlightTotal);
	state.stats.inFlightMaxByProduct[product] = Math.max(state.stats.inFlightMaxByProduct[product], state.inFlight.get(key));
	let released = false;
	return () => {
		if (released) return;
		released = true;
		// Entries at zero are removed: Books keys carry the caller's organization_id.
		for (const k of keys) {
			const left = state.inFlight.get(k) - 1;
			if (left > 0) state.inFlight.set(k, left);
			else state.inFlight.delete(k);
		}
		state.inFlightTotal -= 1;
	};
}

/**
 * @param {any} state
 * @param {any} ctx
 * @param {string} product
 * @returns {Promise<Reply>}
 */
async function route(state, ctx, product) {
	if (product === 'accounts') {
		await delay(state, state.latencyMs);
		return handleAccounts(ctx);
	}
	if (product === 'unknown') return { status: 404, body: productError('crm', 404) };
	const release = acquireSlot(state, product, ctx.query, ctx.pathname);
	if (!release) {
		state.stats.tooManyRequests++;
		return { status: 429, body: productError(product, 429) };
	}
	try {
		await delay(state, state.latencyMs);
		if (product === 'crm') return await handleCrm(ctx);
		if (product === 'bigin') return await handleBigin(ctx);
		return await handleBooks(ctx);
	} finally {
		release();
	}
}

/**
 * @param {any} state
 * @param {any} fault
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {any} entry
 * @param {string} product
 */
async function applyFault(state, fault, req, res, entry, product) {
	await delay(state, fault.delayMs || 0);
	if (fault.kind === 'reset') {
		entry.status = 0;
		req.socket.destroy();
	} else if (fault.kind === 'timeout') {
		state.hanging.add(res);
	} else if (fault.kind === 'malformed') {
		entry.status = 200;
		res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
		res.end('{"data":[{"code":"SUCCESS","details":{"message_id":"2cceafa1');
	} else {
		const status = fault.status || 500;
		// `{request}` in a header value is the request's own path and query (a redirect back to itself).
		const headers = fault.headers && Object.fromEntries(Object.entries(fault.headers).map(([k, v]) => [k, String(v).split('{request}').join(req.url || '/')]));
		if (fault.text !== undefined) send(res, { status, raw: Buffer.from(String(fault.text), 'utf8'), headers: { 'content-type': 'text/html; charset=utf-8', ...headers } }, entry);
		else send(res, { status, body: fault.body !== undefined ? fault.body : productError(product, status), headers }, entry);
	}
}

/**
 * Builds the request listener.
 * @param {any} state
 * @param {(ctx: any) => Reply | Promise<Reply>} handleAdmin
 */
function createHandler(state, handleAdmin) {
	return async (/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) => {
		/** @type {any} */
		let entry = null;
		let product = 'unknown';
		try {
			res.on('error', () => undefined);
			if (state.clockMs !== null) res.setHeader('date', new Date(state.clockMs).toUTCString());
			const url = new URL(req.url || '/', 'http://127.0.0.1');
			const method = (req.method || 'GET').toUpperCase();
			const query = Object.fromEntries(url.searchParams);
			product = classify(url.pathname);
			const bodyLimit = product === 'admin' ? MAX_ADMIN_BODY_BYTES : MAX_BODY_BYTES;
			const { buffer, tooLarge } = await readBody(req, bodyLimit);
			const contentType = String(req.headers['content-type'] || '');
			const parsed = tooLarge ? { body: null, multipart: null, bodyError: null } : parseBody(buffer, contentType);
			const ctx = { state, method, pathname: url.pathname, query, headers: req.headers, rawBody: buffer, contentType, bodyTooLarge: tooLarge, bodyLimit, ...parsed };
			if (product === 'admin') return send(res, await handleAdmin(ctx), null);
			entry = {
				seq: ++state.seq,
				method,
				path: url.pathname,
				query,
				headers: { ...req.headers },
				authorization: req.headers.authorization || null,
				body: parsed.body,
				rawBody: buffer.length > MAX_LOGGED_RAW ? `${buffer.subarray(0, MAX_LOGGED_RAW).toString('utf8')}…[truncated]` : buffer.toString('utf8'),
				status: null,
				response: null,
				product,
			};
			appendLog(state, entry, entry.rawBody.length + (parsed.multipart ? 0 : buffer.length));
			const fault = takeFault(state, method, url.pathname, query);
			// A 'delay' fault only holds the request back: then it is answered as usual (a slow Zoho).
			if (fault && fault.kind === 'delay') await delay(state, fault.delayMs || 0);
			else if (fault) return await applyFault(state, fault, req, res, entry, product);
			if (tooLarge) return send(res, { status: 413, body: productError(product, 413) }, entry);
			send(res, await route(state, ctx, product), entry);
		} catch {
			send(res, { status: 500, body: productError(product, 500) }, entry);
		}
	};
}

/**
 * Creates the HTTP server (not yet listening) with socket tracking for a clean stop().
 * @param {any} state
 * @param {(ctx: any) => Reply | Promise<Reply>} handleAdmin
 */
function createServer(state, handleAdmin) {
	const server = http.createServer(createHandler(state, handleAdmin));
	server.on('connection', (socket) => {
		state.sockets.add(socket);
		socket.on('close', () => state.sockets.delete(socket));
	});
	server.on('clientError', (err, socket) => {
		const code = /** @type {any} */ (err).code;
		const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
		const body = JSON.stringify(crmErr(status === 431 ? 'REQUEST_HEADER_FIELDS_TOO_LARGE' : 'INVALID_REQUEST', 'the request could not be parsed'));
		if (socket.writable && !socket.destroyed) {
			socket.end(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
		} else {
			socket.destroy();
		}
	});
	return server;
}

module.exports = { createServer, delay, MAX_LOG_BYTES };
