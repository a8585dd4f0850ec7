// @ts-check
'use strict';

const { createServer } = require('http');

/**
 * A server on 127.0.0.1 (a free port: its own origin) that records every request it receives and
 * answers with `handler`, for tests of what the node sends to a host it should not trust.
 *
 * @typedef {{ method: string, path: string, authorization: string | undefined, body: string }} Received
 * @typedef {(req: import('http').IncomingMessage, res: import('http').ServerResponse, body: string) => void} Handler
 * @typedef {{ url: string, received: Received[], handler: Handler, close: () => Promise<void> }} HostileServer
 * @returns {Promise<HostileServer>}
 */
async function hostileServer() {
	/** @type {HostileServer} */
	const state = { url: '', received: [], handler: (_q, res) => res.end(), close: async () => undefined };
	const server = createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			state.received.push({ method: String(req.method), path: String(req.url), authorization: req.headers.authorization, body });
			state.handler(req, res, body);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = server.address();
	state.url = `http://127.0.0.1:${address && typeof address === 'object' ? address.port : 0}`;
	state.close = async () => await new Promise((resolve) => server.close(() => resolve(undefined)));
	return state;
}

module.exports = { hostileServer };
