// @ts-check
'use strict';

/**
 * Shared set-up for the benchmarks: loads the TypeScript harness (`test/harness/`: n8n-core's real engine, as the tests use it) into
 * plain Node, starts the emulator and builds node parameters. Plain JavaScript because it needs Node
 * built-ins, which the node lint forbids in `.ts` files.
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');

// Loads the TypeScript harness through tsx (a devDependency). The paths are built at run time, so the
// type check does not try to follow them.
const TSX = 'tsx/cjs';
require(TSX);
const harness = (/** @type {string} */ file) => require(path.join(__dirname, '..', 'test', 'harness', file));

// `ZohoEmail.node` would resolve to the codex file `ZohoEmail.node.json` before the `.ts` source.
/** @type {any} */
const ModuleInternals = Module;
const resolveFilename = ModuleInternals._resolveFilename;
ModuleInternals._resolveFilename = function (/** @type {string} */ request, /** @type {any} */ parent, /** @type {any[]} */ ...rest) {
	if (request.startsWith('.') && /\.(node|credentials)$/.test(request) && parent && parent.filename) {
		const ts = path.resolve(path.dirname(parent.filename), `${request}.ts`);
		if (fs.existsSync(ts)) return ts;
	}
	return resolveFilename.call(this, request, parent, ...rest);
};

/** @type {any} */
const engine = harness('engine.ts');
/** @type {any} */
const nodeTypes = harness('nodeTypes.ts');
/** @type {any} */
const poll = harness('poll.ts');
const { startEmulator } = require('../emulator');

const SEED = {
	maclead: '5725767000000502001',
	sage: '5725767000000502003',
	kayleigh: '5725767000000502007',
	lenna: '5725767000000501005',
	biginContact: '6120845000000601001',
	booksOrg: '10234695',
	booksContact: '460000000026049',
	booksInvoice: '460000000040002',
};

const FROM = 'Patricia Boyle <patricia.boyle@zylker.com>';
const rl = (/** @type {string} */ mode, /** @type {string} */ value) => ({ __rl: true, mode, value });

/** @param {any} emu */
function credential(emu) {
	return {
		clientId: emu.clientId,
		clientSecret: emu.clientSecret,
		dataCenter: 'custom',
		customAccountsUrl: emu.url,
		customApiUrl: emu.url,
		products: ['crm', 'bigin', 'books'],
		oauthTokenData: emu.issueToken(),
	};
}

/** CRM send_mail parameters for one record. */
function crmSend(recordId = SEED.kayleigh, extra = {}) {
	return {
		resource: 'crmEmail',
		operation: 'send',
		module: rl('name', 'Contacts'),
		recordId: rl('id', recordId),
		from: rl('address', FROM),
		to: 'Jason Smith <j.smith@example.com>',
		subject: 'Benchmark',
		content: 'Hello',
		...extra,
	};
}

/** Zoho API calls in the emulator's log (token calls excluded). */
function apiCalls(/** @type {any} */ emu) {
	return emu.requests().filter((/** @type {any} */ r) => r.product !== 'accounts').length;
}

// The e2e suite's n8n 1.x install, where it caches it (N8N_E2E_CACHE or its default folder).
const { CACHE: E2E_CACHE, VERSIONS } = require('../e2e/lib/n8n');
const NODES_BASE = path.join(E2E_CACHE, VERSIONS[1].dir, 'node_modules');

/**
 * n8n's HTTP Request node (V3, typeVersion 4.2) from the n8n 1.x install the e2e suite caches, loaded
 * into the harness's node types. Returns its versions, or undefined when the cache is absent or the
 * class does not load.
 */
function loadHttpRequestNode() {
	const file = path.join(NODES_BASE, 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'V3', 'HttpRequestV3.node.js');
	if (!fs.existsSync(file)) return undefined;
	try {
		const { HttpRequestV3 } = require(file);
		const base = { displayName: 'HTTP Request', name: 'httpRequest', group: ['output'], subtitle: '', description: '', defaultVersion: 4.2 };
		nodeTypes.registerNodeType('n8n-nodes-base.httpRequest', new HttpRequestV3({ ...base, version: [3, 4, 4.1, 4.2] }));
		const version = (/** @type {string} */ pkg) => JSON.parse(fs.readFileSync(path.join(NODES_BASE, pkg, 'package.json'), 'utf8')).version;
		return { n8n: version('n8n'), nodesBase: version('n8n-nodes-base') };
	} catch {
		return undefined;
	}
}

function machine() {
	const cpus = os.cpus();
	return {
		cpu: cpus[0] ? cpus[0].model.trim() : 'unknown CPU',
		cores: cpus.length,
		memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
		node: process.version,
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
		date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
	};
}

module.exports = { engine, poll, startEmulator, SEED, FROM, rl, credential, crmSend, apiCalls, loadHttpRequestNode, machine };
