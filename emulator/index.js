// @ts-check
'use strict';

const { createServer, MAX_LOG_BYTES } = require('./server');
const { createAdminHandler } = require('./admin');
const { createTokenStore, issueTokenPair, expireAllTokens } = require('./accounts');
const { createCrmStore, createBiginStore } = require('./crm-seed');
const { createBooksStore } = require('./books-seed');
const { createData } = require('./test-api');
const { compileGlob } = require('./glob');

/**
 * A local stand-in for Zoho's accounts server and the CRM v8 / Bigin v2 / Books v3 email APIs.
 * See emulator/README.md.
 *
 * @typedef {{ concurrency: number, mailConcurrency: number, dailyCredits: number | null, refreshesPerWindow: number,
 *   refreshWindowMs: number, booksPerMinute: number, maxAccessTokens: number, emailsPerPage: number,
 *   booksPerPage: number, tokenLifetimeSeconds: number }} Limits
 * @typedef {{ method?: string, path?: string | RegExp, pathGlob?: string, query?: Record<string, string | boolean>, status?: number, body?: unknown, headers?: Record<string, string>,
 *   text?: string, times?: number, kind?: 'http' | 'reset' | 'timeout' | 'malformed' | 'delay', delayMs?: number }} Fault
 * @typedef {{ product?: string, method?: string, pathPrefix?: string }} RequestFilter
 * @typedef {{ seq: number, method: string, path: string, query: Record<string, string>, headers: Record<string, any>,
 *   authorization: string | null, body: any, rawBody: string, status: number | null, response: any,
 *   product: 'accounts' | 'crm' | 'bigin' | 'books' | 'unknown' }} LogEntry
 * @typedef {{ product: 'crm' | 'bigin' | 'books', kind: 'send' | 'scheduled' | 'associate' | 'books', module?: string,
 *   entity?: string, recordId: string, organizationId?: string, messageId: string, payload: any }} MailRecord
 */

const CLIENT_ID = 'emulator-client-id';
const CLIENT_SECRET = 'emulator-client-secret';

/** @returns {Limits} */
const defaultLimits = () => ({
	concurrency: 10,
	mailConcurrency: 10,
	dailyCredits: null,
	refreshesPerWindow: 10,
	refreshWindowMs: 10 * 60 * 1000,
	booksPerMinute: 100,
	maxAccessTokens: 15,
	emailsPerPage: 10,
	booksPerPage: 200,
	tokenLifetimeSeconds: 3600,
});

const freshStats = () => ({
	inFlightMax: 0,
	inFlightMaxByProduct: { crm: 0, bigin: 0, books: 0 },
	credits: { crm: 0, bigin: 0, books: 0 },
	tooManyRequests: 0,
	refreshes: 0,
	logDropped: 0,
});

const freshStore = () => ({ crm: createCrmStore(), bigin: createBiginStore(), books: createBooksStore() });

/**
 * Starts the emulator on 127.0.0.1.
 * @param {{ port?: number, host?: string, maxLogBytes?: number }} [options] `maxLogBytes`: body bytes the request
 *   log keeps before it drops its oldest entries (256 MiB)
 */
async function startEmulator(options = {}) {
	const host = options.host || '127.0.0.1';
	if (host !== '127.0.0.1' && host !== 'localhost') throw new Error('The Zoho emulator only listens on 127.0.0.1');
	/** @type {any} */
	const state = {
		url: '',
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		store: freshStore(),
		tokens: createTokenStore(),
		log: [],
		logBytes: 0,
		logCost: new WeakMap(),
		maxLogBytes: options.maxLogBytes ?? MAX_LOG_BYTES,
		seq: 0,
		mails: [],
		faults: [],
		latencyMs: 0,
		clockMs: null,
		limits: defaultLimits(),
		stats: freshStats(),
		inFlight: new Map(),
		inFlightTotal: 0,
		booksWindows: new Map(),
		timers: new Set(),
		sockets: new Set(),
		hanging: new Set(),
	};

	const emu = {
		url: '',
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		/** @param {{ scopes?: string[] | string, expiresIn?: number }} [opts] */
		issueToken: (opts) => issueTokenPair(state, opts),
		/** @param {RequestFilter} [filter] @returns {LogEntry[]} */
		requests: (filter = {}) =>
			state.log.filter(
				(/** @type {any} */ e) =>
					(!filter.product || e.product === filter.product) &&
					(!filter.method || e.method === filter.method.toUpperCase()) &&
					(!filter.pathPrefix || e.path.startsWith(filter.pathPrefix)),
			),
		clearRequests: () => {
			state.log = [];
			state.logBytes = 0;
		},
		/** @returns {MailRecord[]} */
		mails: () => [...state.mails],
		/** @param {{ keepTokens?: boolean }} [opts] */
		reset: (opts = {}) => {
			state.store = freshStore();
			if (!opts.keepTokens) state.tokens = createTokenStore();
			state.log = [];
			state.logBytes = 0;
			state.seq = 0;
			state.mails = [];
			state.faults = [];
			state.latencyMs = 0;
			state.clockMs = null;
			state.limits = defaultLimits();
			state.stats = freshStats();
			state.booksWindows = new Map();
		},
		/** @param {{ issuedBefore?: number }} [opts] only the access tokens issued before this time (epoch ms) */
		expireTokens: (opts = {}) => expireAllTokens(state, opts.issuedBefore),
		/** @param {Fault} fault */
		addFault: (fault) => {
			const kind = fault.kind || 'http';
			if (!['http', 'reset', 'timeout', 'malformed', 'delay'].includes(kind)) throw new Error(`unknown fault kind ${kind}`);
			const times = fault.times === undefined ? 1 : fault.times <= 0 ? Infinity : fault.times;
			const { pathGlob, ...rest } = fault;
			if (pathGlob !== undefined && rest.path !== undefined) throw new Error('give path or pathGlob, not both');
			state.faults.push({ ...rest, ...(pathGlob !== undefined ? { path: compileGlob(pathGlob) } : {}), kind, remaining: times });
		},
		clearFaults: () => {
			state.faults = [];
		},
		/** @param {number} ms */
		setLatency: (ms) => {
			state.latencyMs = Math.max(0, Number(ms) || 0);
		},
		/**
		 * Zoho's clock as the `Date` header of every response shows it: a fixed time (epoch ms), or null for
		 * the real clock. Token lifetimes keep the real clock.
		 * @param {number | null} ms
		 */
		setClock: (ms) => {
			state.clockMs = ms === null ? null : Number(ms);
		},
		/** @param {Partial<Limits>} limits */
		setLimits: (limits) => {
			for (const [key, value] of Object.entries(limits || {})) {
				if (!(key in state.limits)) throw new Error(`unknown limit ${key}`);
				if (value !== null && (typeof value !== 'number' || value < 0)) throw new Error(`limit ${key} must be a number`);
				state.limits[key] = value;
			}
		},
		limits: () => ({ ...state.limits }),
		stats: () => JSON.parse(JSON.stringify(state.stats)),
		data: createData(state),
		stop: () => stop(),
	};

	const server = createServer(state, createAdminHandler(emu, () => state.faults.length));
	server.keepAliveTimeout = 1000;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port || 0, '127.0.0.1', () => resolve(undefined));
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	state.url = `http://127.0.0.1:${address.port}`;
	emu.url = state.url;

	let stopping = /** @type {Promise<void> | null} */ (null);
	function stop() {
		if (stopping) return stopping;
		stopping = new Promise((resolve) => {
			for (const timer of state.timers) clearTimeout(timer);
			state.timers.clear();
			server.close(() => resolve());
			for (const socket of state.sockets) socket.destroy();
			state.hanging.clear();
		});
		return stopping;
	}
	return emu;
}

module.exports = { startEmulator, CLIENT_ID, CLIENT_SECRET };
