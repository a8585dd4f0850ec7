#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * The Zoho Email node as a tool for AI agents, in real n8n 2.x (Node 24) and 1.x (Node 20), against
 * the Zoho emulator:
 *
 * - n8n's AI Agent node with an "OpenAI Chat Model" whose Base URL points at a scripted
 *   OpenAI-compatible server on 127.0.0.1 (e2e/lib/model-server.js) and four Zoho Email tools whose
 *   parameters are filled by `$fromAI()`. Each scenario runs through `n8n execute`; the emulator's
 *   request log must hold exactly the requests the tool call implies, and the model's second request
 *   must carry the Zoho result as the tool message.
 * - n8n's MCP Server Trigger (activated, `n8n start`) exposing the same tools; the official MCP client
 *   lists them, checks their name, description and input schema, and calls the send tool.
 *
 *   node e2e/agents.js [--only 1|2] [--tarball FILE] [--keep]
 *
 * Prints one line per check, then `N passed, N failed`; exits 1 on any failure.
 */

const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const { Emulator, isTokenEndpoint, tokenOf } = require('./lib/emulator');
const { writeCredential, CREDENTIAL_ID, CREDENTIAL_NAME } = require('./lib/examples');
const { N8n, VERSIONS, ROOT, ensureInstalled, installPackage, PACKAGE_NAME } = require('./lib/n8n');
const { buildAndPack, listTarball } = require('./lib/pack');
const { freePort, seconds, waitFor } = require('./lib/proc');
const { runError } = require('./lib/checks');
const { suiteArgs } = require('./lib/args');
const { Report } = require('./lib/suite');
const { ModelServer, toolResults } = require('./lib/model-server');

/** @typedef {import('./lib/model-server').Turn} Turn */
/** @typedef {import('./lib/emulator').LoggedRequest} LoggedRequest */

/** @typedef {import('./lib/n8n').Major} Major */

const { majors, givenTarball, keep } = suiteArgs('node e2e/agents.js [--only 1|2] [--tarball FILE] [--keep]');

/**
 * Node versions per n8n major: 2.x has AI Agent 3.1 and MCP Server Trigger 2.1, 1.x stops at 3 and 2.
 * @type {Record<Major, { agent: number, mcpTrigger: number }>}
 */
const NODE_VERSIONS = { 2: { agent: 3.1, mcpTrigger: 2.1 }, 1: { agent: 3, mcpTrigger: 2 } };
let scope = '';
const OPENAI_CREDENTIAL = { id: 'e2eScriptedModel', name: 'Scripted model (127.0.0.1)' };
const MCP_CREDENTIAL = { id: 'e2eMcpBearer0001', name: 'MCP bearer token' };
const MCP_TOKEN = 'e2e-mcp-bearer-token-0123456789';
const MCP_PATH = 'zoho-email';
const TOOL_TYPE = `${PACKAGE_NAME}.zohoEmailTool`;

// Seeded emulator data (emulator/crm-seed.js, emulator/books-seed.js).
const CONTACT_EMAIL = 'christopher.maclead@rangoni.example';
const CONTACT_ID = '5725767000000502001';
const SENDER = 'Patricia Boyle <patricia.boyle@zylker.com>';
const ORGANIZATION_ID = '10234695';
const INVOICE_ID = '460000000040001';
const INVOICE_NUMBER = 'INV-00001';
const INVOICE_TO = 'willsmith@bowmanfurniture.example';

const report = new Report();
const log = report.log.bind(report);
/** @param {string} name @param {boolean} ok @param {string} [detail] */
const check = (name, ok, detail) => report.check(scope, name, ok, detail);

/**
 * A check that two values are deeply equal, with the difference as its detail.
 * @param {string} name
 * @param {unknown} actual
 * @param {unknown} expected
 * @param {string} [detail] shown when they are equal
 */
function checkEqual(name, actual, expected, detail = '') {
	try {
		assert.deepStrictEqual(actual, expected);
		check(name, true, detail);
	} catch (error) {
		check(name, false, error instanceof Error ? error.message.replace(/\s+/g, ' ').slice(0, 1500) : String(error));
	}
}

/** @param {string} name @param {() => Promise<void>} fn */
const guard = (name, fn) => report.guard(scope, name, fn);

/**
 * What the emulator must receive when the send tool writes to the seeded contact: the search by email
 * address, then Send Mail from the seeded sender.
 * @param {string} subject
 * @param {string} content
 */
function crmSendRequests(subject, content) {
	return [
		{ method: 'GET', path: '/crm/v8/Contacts/search', query: { email: CONTACT_EMAIL }, body: null },
		{
			method: 'POST',
			path: `/crm/v8/Contacts/${CONTACT_ID}/actions/send_mail`,
			query: {},
			body: {
				data: [
					{
						from: { user_name: 'Patricia Boyle', email: 'patricia.boyle@zylker.com' },
						to: [{ user_name: CONTACT_EMAIL, email: CONTACT_EMAIL }],
						subject,
						content,
						mail_format: 'html',
					},
				],
			},
		},
	];
}

/**
 * What the emulator must receive when the draft tool writes a draft for the seeded contact: the search
 * by email address, then Create Email Draft with the plain sender address and `rich_text`.
 * @param {string} subject
 * @param {string} content
 */
function crmDraftRequests(subject, content) {
	return [
		{ method: 'GET', path: '/crm/v8/Contacts/search', query: { email: CONTACT_EMAIL }, body: null },
		{
			method: 'POST',
			path: `/crm/v8/Contacts/${CONTACT_ID}/__email_drafts`,
			query: {},
			body: { __email_drafts: [{ from: 'patricia.boyle@zylker.com', to: [{ user_name: CONTACT_EMAIL, email: CONTACT_EMAIL }], rich_text: true, subject, content }] },
		},
	];
}

/** @param {string} key @param {string} description @param {'string' | 'number'} [type] */
const fromAI = (key, description, type = 'string') => `={{ $fromAI('${key}', '${description}', '${type}') }}`;

const zohoCredential = { zohoEmailOAuth2Api: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };

/** The Module and From pickers of the CRM tools: the Contacts module and the seeded sender, picked from the list. */
const CONTACTS_MODULE = { __rl: true, mode: 'list', value: 'Contacts', cachedResultName: 'Contacts' };
const SENDER_LOCATOR = { __rl: true, mode: 'list', value: SENDER, cachedResultName: SENDER };

/**
 * The Zoho Email tools every agent and the MCP server get, by node name.
 * @type {Record<string, Record<string, unknown>>}
 */
const TOOLS = {
	'Send CRM email': {
		resource: 'crmEmail',
		operation: 'send',
		module: CONTACTS_MODULE,
		recordId: { __rl: true, mode: 'email', value: fromAI('contact_email', 'Email address of the CRM contact to write to') },
		from: SENDER_LOCATOR,
		to: fromAI('contact_email', 'Email address of the CRM contact to write to'),
		subject: fromAI('subject', 'Subject line of the email'),
		content: fromAI('html_body', 'Body of the email as simple HTML'),
		additionalFields: {},
	},
	'Draft CRM email': {
		resource: 'crmEmailDraft',
		operation: 'create',
		module: CONTACTS_MODULE,
		recordId: { __rl: true, mode: 'email', value: fromAI('contact_email', 'Email address of the CRM contact the draft is for') },
		from: SENDER_LOCATOR,
		to: fromAI('contact_email', 'Email address of the CRM contact the draft is for'),
		subject: fromAI('subject', 'Subject line of the draft'),
		content: fromAI('html_body', 'Body of the draft as simple HTML'),
		additionalFields: {},
	},
	'Get CRM emails': {
		resource: 'crmEmail',
		operation: 'list',
		module: CONTACTS_MODULE,
		recordId: { __rl: true, mode: 'email', value: fromAI('contact_email', 'Email address of the CRM contact') },
		returnAll: false,
		limit: fromAI('limit', 'How many of the most recent emails to get (1 to 20)', 'number'),
		output: 'simple',
		filters: {},
	},
	'Email Books invoice': {
		resource: 'booksEmail',
		operation: 'emailTransaction',
		organizationId: { __rl: true, mode: 'list', value: ORGANIZATION_ID, cachedResultName: 'Zylker Inc (default)' },
		transactionType: 'invoice',
		transactionId: { __rl: true, mode: 'number', value: fromAI('invoice_number', 'Zoho Books invoice number as shown on the invoice, e.g. INV-00001') },
		when: 'now',
		to: fromAI('to', 'Email address to send the invoice to'),
		contentMode: 'default',
		additionalFields: { attachPdf: true },
	},
};
const TOOL_NAMES = Object.keys(TOOLS);
/** @param {string} nodeName n8n's tool name for a node (n8n-workflow nodeNameToToolName) */
const toolName = (nodeName) => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');

/** @param {number} x */
const position = (x, y = 0) => [x, y];

/** @param {string} trigger name of the node the tools hang from */
function toolNodes(trigger) {
	return {
		nodes: TOOL_NAMES.map((name, i) => ({
			id: `d9e00000-0000-4000-8000-0000000001${i}0`,
			name,
			type: TOOL_TYPE,
			typeVersion: 1,
			position: position(300 + 220 * i, 260),
			parameters: { descriptionType: 'auto', ...TOOLS[name] },
			credentials: zohoCredential,
		})),
		connections: Object.fromEntries(TOOL_NAMES.map((name) => [name, { ai_tool: [[{ node: trigger, type: 'ai_tool', index: 0 }]] }])),
	};
}

/**
 * A Manual Trigger → AI Agent workflow with the scripted chat model and the Zoho Email tools.
 * @param {string} id
 * @param {string} prompt
 * @param {Major} major
 */
function agentWorkflow(id, prompt, major) {
	const tools = toolNodes('AI Agent');
	return {
		id,
		name: `Agent: ${prompt}`,
		nodes: [
			{ id: 'd9e00000-0000-4000-8000-000000000001', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: position(0), parameters: {} },
			{
				id: 'd9e00000-0000-4000-8000-000000000002',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: NODE_VERSIONS[major].agent,
				position: position(300),
				parameters: { promptType: 'define', text: prompt, options: {} },
			},
			{
				id: 'd9e00000-0000-4000-8000-000000000003',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: position(80, 260),
				// A chat-completions server: the Responses API (this node version's default) is turned off.
				parameters: { model: { __rl: true, mode: 'id', value: 'scripted-model' }, responsesApiEnabled: false, options: {} },
				credentials: { openAiApi: OPENAI_CREDENTIAL },
			},
			...tools.nodes,
		],
		connections: {
			Manual: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			...tools.connections,
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

const MCP_WORKFLOW_ID = 'e2eMcpZohoEmail1';

/** @param {Major} major */
function mcpWorkflow(major) {
	const tools = toolNodes('MCP Server Trigger');
	return {
		id: MCP_WORKFLOW_ID,
		name: 'MCP: Zoho Email tools',
		nodes: [
			{
				id: 'd9e00000-0000-4000-8000-000000000201',
				name: 'MCP Server Trigger',
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion: NODE_VERSIONS[major].mcpTrigger,
				position: position(300),
				webhookId: 'd9e00000-0000-4000-8000-000000000209',
				parameters: { authentication: 'bearerAuth', path: MCP_PATH },
				credentials: { httpBearerAuth: MCP_CREDENTIAL },
			},
			...tools.nodes,
		],
		connections: tools.connections,
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/**
 * @typedef {{ method: string, path: string, query: Record<string, unknown>, body: unknown }} Expected
 * @typedef {{
 *   id: string, title: string, prompt: string, tool: string, arguments: Record<string, unknown>,
 *   answer: (result: any[]) => string,
 *   expected: (log: LoggedRequest[]) => Expected[],
 *   resultHas: (log: LoggedRequest[]) => string[],
 * }} Scenario
 */

/** The emulator's response to the request at `path` (from its log). @param {LoggedRequest[]} log @param {RegExp} path */
const responseOf = (log, path) => log.find((r) => path.test(r.path))?.raw.response;

/** @type {Scenario[]} */
const SCENARIOS = [
	{
		id: 'e2eAgentCrmSend1',
		title: 'send an email to a CRM contact found by email address',
		prompt: `Tell ${CONTACT_EMAIL} that the 200 widgets ship on Monday.`,
		tool: 'Send CRM email',
		arguments: { contact_email: CONTACT_EMAIL, subject: 'Your widget order', html_body: '<p>Your 200 widgets ship on Monday.</p>' },
		answer: (result) => `Sent "${'Your widget order'}" to ${CONTACT_EMAIL}: message ${result[0]?.message_id} (${result[0]?.status}).`,
		expected: () => crmSendRequests('Your widget order', '<p>Your 200 widgets ship on Monday.</p>'),
		resultHas: (log) => {
			const id = responseOf(log, /\/actions\/send_mail$/)?.data?.[0]?.details?.message_id;
			return [String(id)];
		},
	},
	{
		id: 'e2eAgentCrmDraft1',
		title: 'draft a follow-up on a CRM contact for a person to review',
		prompt: `Draft a follow-up to ${CONTACT_EMAIL} about the delivery date, for me to review before it goes out.`,
		tool: 'Draft CRM email',
		arguments: { contact_email: CONTACT_EMAIL, subject: 'Delivery date for your order', html_body: '<p>Your order ships on Monday.</p>' },
		answer: (result) => `Drafted "Delivery date for your order" for ${CONTACT_EMAIL}: draft ${result[0]?.id} waits on the contact in Zoho CRM for your review.`,
		expected: () => crmDraftRequests('Delivery date for your order', '<p>Your order ships on Monday.</p>'),
		resultHas: (log) => [String(responseOf(log, /\/__email_drafts$/)?.__email_drafts?.[0]?.details?.id)],
	},
	{
		id: 'e2eAgentCrmList1',
		title: "list a CRM contact's recent emails and answer from them",
		prompt: `What did we last send ${CONTACT_EMAIL}?`,
		tool: 'Get CRM emails',
		arguments: { contact_email: CONTACT_EMAIL, limit: 3 },
		answer: (result) => `The latest emails to ${CONTACT_EMAIL}: ${result.map((e) => `"${e.subject}"`).join(', ')}.`,
		expected: () => [
			{ method: 'GET', path: '/crm/v8/Contacts/search', query: { email: CONTACT_EMAIL }, body: null },
			{ method: 'GET', path: `/crm/v8/Contacts/${CONTACT_ID}/Emails`, query: {}, body: null },
		],
		resultHas: (log) => {
			const emails = responseOf(log, /\/Emails$/)?.email_related_list ?? responseOf(log, /\/Emails$/)?.Emails ?? [];
			return emails.slice(0, 3).map((/** @type {any} */ e) => String(e.subject));
		},
	},
	{
		id: 'e2eAgentBooksInv1',
		title: 'email a Books invoice',
		prompt: `Email invoice ${INVOICE_NUMBER} to ${INVOICE_TO}.`,
		tool: 'Email Books invoice',
		arguments: { invoice_number: INVOICE_NUMBER, to: INVOICE_TO },
		answer: (result) => `Invoice ${INVOICE_NUMBER}: ${result[0]?.message}`,
		expected: () => [
			// The number is looked up first (By Number), then the invoice is emailed by its ID.
			{ method: 'GET', path: '/books/v3/invoices', query: { invoice_number: INVOICE_NUMBER, per_page: '200', organization_id: ORGANIZATION_ID }, body: null },
			{
				method: 'POST',
				path: `/books/v3/invoices/${INVOICE_ID}/email`,
				query: { organization_id: ORGANIZATION_ID, send_attachment: 'true' },
				body: { to_mail_ids: [INVOICE_TO] },
			},
		],
		resultHas: (log) => [String(responseOf(log, /\/email$/)?.message)],
	},
];

/**
 * The model's script for one scenario: the first request gets the scenario's tool call (when the tool
 * is offered), every later one a final answer built from the last tool result.
 * @param {Scenario} scenario
 * @returns {import('./lib/model-server').Script}
 */
function scriptFor(scenario) {
	return ({ messages, tools }) => {
		const results = toolResults(messages);
		if (results.length === 0) {
			const name = toolName(scenario.tool);
			const offered = tools.map((t) => t?.function?.name);
			if (!offered.includes(name)) return { content: `The tool ${name} was not offered (offered: ${offered.join(', ')}).` };
			return { toolCalls: [{ name, arguments: scenario.arguments }] };
		}
		let result;
		try {
			result = JSON.parse(results[results.length - 1]);
		} catch {
			return { content: `The tool result is not JSON: ${results[results.length - 1].slice(0, 200)}` };
		}
		return { content: scenario.answer(Array.isArray(result) ? result : [result]) };
	};
}

/** @param {LoggedRequest} r @returns {Expected} */
const shapeOf = (r) => ({ method: r.method, path: r.path, query: r.raw.query ?? {}, body: r.raw.body ?? null });

/** The `action` sentence of each (resource, operation) in the built node. */
function actionSentences() {
	const file = path.join(ROOT, 'dist', 'nodes', 'ZohoEmail', 'ZohoEmail.node.js');
	const { ZohoEmail } = require(file);
	/** @type {Map<string, string>} */
	const actions = new Map();
	for (const p of new ZohoEmail().description.properties) {
		if (p.name !== 'operation') continue;
		for (const resource of p.displayOptions?.show?.resource ?? []) {
			for (const o of p.options ?? []) actions.set(`${resource}.${o.value}`, String(o.action ?? ''));
		}
	}
	return actions;
}

/**
 * Runs one agent scenario through `n8n execute` and checks it.
 * @param {N8n} n8n
 * @param {Emulator} emulator
 * @param {ModelServer} model
 * @param {Scenario} scenario
 * @param {Map<string, string>} actions
 */
async function agentScenario(n8n, emulator, model, scenario, actions) {
	const label = `agent: ${scenario.title}`;
	model.use(scriptFor(scenario));
	await emulator.clearRequests();
	const result = await n8n.execute(scenario.id);
	const error = runError(result.run);
	const ok = result.code === 0 && result.run?.status === 'success' && !error;
	check(`${label}: execution succeeded`, ok, ok ? seconds(result.ms) : `exit ${result.code}, status ${result.run?.status}: ${error || tail(result.output)}`);
	if (!ok) return;

	const log = (await emulator.requests()).filter((r) => !isTokenEndpoint(r));
	checkEqual(`${label}: the emulator received exactly the tool's requests`, log.map(shapeOf), scenario.expected(log), log.map((r) => `${r.method} ${r.path} ${r.status}`).join(', '));

	const completions = model.completions();
	check(`${label}: the agent asked the model twice (tool call, then answer)`, completions.length === 2, `${completions.length} chat completion request(s)`);
	const first = completions[0]?.body ?? {};
	const offered = (first.tools ?? []).map((/** @type {any} */ t) => t.function);
	checkEqual(
		`${label}: the model was offered the ${TOOL_NAMES.length} Zoho Email tools`,
		offered.map((/** @type {any} */ f) => f.name).sort(),
		TOOL_NAMES.map(toolName).sort(),
	);
	const tool = offered.find((/** @type {any} */ f) => f.name === toolName(scenario.tool));
	const params = /** @type {Record<string, unknown>} */ (TOOLS[scenario.tool]);
	const action = actions.get(`${params.resource}.${params.operation}`);
	check(
		`${label}: the tool's description is the operation's action sentence`,
		Boolean(action) && tool?.description === `${action} in Zoho Email`,
		`"${tool?.description}"`,
	);
	checkEqual(`${label}: the tool's input schema holds the $fromAI() parameters`, Object.keys(tool?.parameters?.properties ?? {}).sort(), Object.keys(scenario.arguments).sort(), JSON.stringify(tool?.parameters?.properties));

	// n8n's record of what the tool returned, and what the model got back as the tool message.
	const toolRun = result.run?.data?.resultData?.runData?.[scenario.tool]?.[0];
	const returned = (toolRun?.data?.ai_tool?.[0] ?? []).map((/** @type {any} */ item) => item.json);
	const messages = toolResults(completions[1]?.body?.messages ?? []);
	let sent = null;
	try {
		sent = JSON.parse(messages[0] ?? 'null');
	} catch {
		sent = messages[0];
	}
	checkEqual(`${label}: the model's second request carries the tool's result as the tool message`, sent, returned, `${messages.length} tool message(s), ${String(messages[0] ?? '').length} chars`);
	const needles = scenario.resultHas(log);
	const missing = needles.filter((n) => !String(messages[0] ?? '').includes(n));
	check(`${label}: the tool message holds Zoho's answer`, needles.length > 0 && missing.length === 0, missing.length ? `missing: ${missing.join(', ')}` : needles.join(', '));

	const output = result.run?.data?.resultData?.runData?.['AI Agent']?.[0]?.data?.main?.[0]?.[0]?.json?.output;
	const expectedAnswer = scenario.answer(Array.isArray(returned) ? returned : []);
	check(`${label}: the agent's output is the model's answer built from the tool result`, output === expectedAnswer, String(output).slice(0, 300));
}

/**
 * The MCP Server Trigger: list the tools and call the send tool through the official MCP client.
 * @param {N8n} n8n
 * @param {Emulator} emulator
 * @param {Map<string, string>} actions
 */
async function mcpSuite(n8n, emulator, actions) {
	await n8n.activate(MCP_WORKFLOW_ID);
	const startMs = await n8n.start();
	log(`${scope} n8n start: REST API up after ${seconds(startMs)}`);
	const url = new URL(`${n8n.url}/mcp/${MCP_PATH}`);

	// Active workflows are registered shortly after the REST API is up: until then the path answers 404.
	// Without the bearer token the server must refuse the client.
	const anonymousInit = () =>
		fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
			body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } } }),
		});
	const t = Date.now();
	const anonymous = await waitFor('the MCP Server Trigger webhook', async () => {
		const res = await anonymousInit();
		return res.status === 404 ? null : res;
	}, { timeoutMs: 90000, intervalMs: 500 });
	log(`${scope} MCP endpoint registered ${seconds(Date.now() - t)} after the REST API was up`);
	check('mcp: a client without the bearer token is refused', anonymous.status === 401 || anonymous.status === 403, `HTTP ${anonymous.status}`);

	const client = new Client({ name: 'zoho-email-e2e', version: '1.0.0' });
	const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers: { authorization: `Bearer ${MCP_TOKEN}` } } });
	try {
		await client.connect(transport);
		check('mcp: the official MCP client connected over streamable HTTP', true, url.pathname);
		const { tools } = await client.listTools();
		checkEqual(`mcp: tools/list has the ${TOOL_NAMES.length} Zoho Email tools`, tools.map((t) => t.name).sort(), TOOL_NAMES.map(toolName).sort());
		const send = tools.find((t) => t.name === toolName('Send CRM email'));
		const action = actions.get('crmEmail.send');
		check('mcp: the send tool has a clear description', Boolean(action) && send?.description === `${action} in Zoho Email`, `"${send?.description}"`);
		const schema = /** @type {any} */ (send?.inputSchema ?? {});
		checkEqual(
			'mcp: the send tool input schema names its $fromAI() parameters',
			{ type: schema.type, properties: Object.keys(schema.properties ?? {}).sort(), types: Object.values(schema.properties ?? {}).map((/** @type {any} */ p) => p.type) },
			{ type: 'object', properties: ['contact_email', 'html_body', 'subject'], types: ['string', 'string', 'string'] },
			JSON.stringify(schema.properties),
		);

		await emulator.clearRequests();
		const args = { contact_email: CONTACT_EMAIL, subject: 'Sent over MCP', html_body: '<p>Hello from an MCP client.</p>' };
		const called = /** @type {any} */ (await client.callTool({ name: toolName('Send CRM email'), arguments: args }, undefined, { timeout: 120000 }));
		const text = (called.content ?? []).map((/** @type {any} */ c) => c.text ?? '').join('\n');
		const log = (await emulator.requests()).filter((r) => !isTokenEndpoint(r));
		const sendEntry = log.find((r) => /\/actions\/send_mail$/.test(r.path));
		const messageId = String(sendEntry?.raw.response?.data?.[0]?.details?.message_id ?? '');
		check('mcp: tools/call of the send tool returned the Zoho result', !called.isError && messageId !== '' && text.includes(messageId), `isError ${Boolean(called.isError)}: ${text.slice(0, 300)}`);
		checkEqual(
			'mcp: the emulator received exactly the send',
			log.map(shapeOf),
			crmSendRequests(args.subject, args.html_body),
			log.map((r) => `${r.method} ${r.path} ${r.status}`).join(', '),
		);
	} finally {
		await client.close().catch(() => undefined);
		await n8n.stop();
	}
}

/*
 * Refusals an agent must read and act on: the send cap in a real agent loop, and a record that does
 * not exist. Each check imports its own workflow (the suite's agent with the three tools) and scripts
 * the model turn by turn.
 */

const CAP = 2;
const CAP_ASKED = 3;
const NOBODY = 'nobody@example.com';
/** Zoho's token shape (`1000.<hex>.<hex>`) and a stack frame: neither may reach the model. */
const LEAKS = [/1000\.[0-9a-f]{16,}/i, /\n\s+at\s/, /node_modules/];

/**
 * @typedef {{
 *   id: string, title: string, prompt: string,
 *   workflow: (major: Major) => Record<string, any>,
 *   script: import('./lib/model-server').Script,
 *   check: (label: string, ctx: { log: LoggedRequest[], completions: import('./lib/model-server').ModelRequest[], run: any, tokens: string[] }) => void,
 * }} RefusalCheck
 */

/**
 * The tool message the model got last, as text: n8n 2.x sends `[{"error": "…"}]`, 1.x the error's
 * text; JSON quoting is undone so the sentence can be read as written.
 * @param {import('./lib/model-server').ModelRequest[]} completions
 */
function lastToolMessage(completions) {
	const results = toolResults(completions[completions.length - 1]?.body?.messages ?? []);
	return String(results[results.length - 1] ?? '').replace(/\\"/g, '"');
}

/** @param {string} text @param {string[]} tokens */
const leaks = (text, tokens) => LEAKS.some((re) => re.test(text)) || tokens.some((t) => t && text.includes(t));

/**
 * The suite's agent workflow. n8n 1.x stops the whole execution when a tool fails, so there the tools
 * continue on error (Settings → On Error), which hands the model the error item; n8n 2.x hands the
 * model a failed tool's message by itself.
 * @param {string} id @param {string} prompt @param {Major} major
 */
function refusalWorkflow(id, prompt, major) {
	const workflow = /** @type {any} */ (agentWorkflow(id, prompt, major));
	if (major === 1) for (const n of workflow.nodes) if (n.type === TOOL_TYPE) n.onError = 'continueRegularOutput';
	return workflow;
}

/** @type {RefusalCheck[]} */
const REFUSALS = [
	{
		id: 'e2eAgentCapped01',
		title: `the send cap stops an agent that asks for ${CAP_ASKED} sends at ${CAP}`,
		prompt: `Send ${CONTACT_EMAIL} three separate updates about the widget order.`,
		workflow: (major) => {
			const workflow = refusalWorkflow('e2eAgentCapped01', REFUSALS[0].prompt, major);
			const send = workflow.nodes.find((/** @type {any} */ n) => n.name === 'Send CRM email');
			send.parameters = { ...send.parameters, performance: { maxEmailsPerExecution: CAP } };
			return workflow;
		},
		// One send per turn, as an agent loop does: each tool call is a separate run of the tool.
		script: ({ messages }) => {
			const done = toolResults(messages).length;
			if (done < CAP_ASKED) {
				const n = done + 1;
				return { toolCalls: [{ name: toolName('Send CRM email'), arguments: { contact_email: CONTACT_EMAIL, subject: `Widget order update ${n}`, html_body: `<p>Update ${n}.</p>` } }] };
			}
			return { content: `Stopped after ${done} attempts: ${toolResults(messages)[done - 1]}` };
		},
		check: (label, { log, completions, tokens }) => {
			const sends = log.filter((r) => /\/actions\/send_mail$/.test(r.path));
			const expected = [1, 2].flatMap((n) => crmSendRequests(`Widget order update ${n}`, `<p>Update ${n}.</p>`));
			checkEqual(`${label}: the emulator received exactly ${CAP} sends (and no request for the refused one)`, log.map(shapeOf), expected, `${sends.length} send_mail, ${log.length} request(s)`);
			check(`${label}: the model asked ${CAP_ASKED} times and then answered`, completions.length === CAP_ASKED + 1, `${completions.length} chat completion request(s)`);
			const refusal = lastToolMessage(completions);
			check(
				`${label}: the model got a clear refusal naming the limit and saying not to retry`,
				refusal.includes('was not sent') && refusal.includes(`"Max Emails per Execution" (${CAP}) is reached`) && refusal.includes('do not retry'),
				refusal.slice(0, 400),
			);
			check(`${label}: the refusal holds no token and no stack`, !leaks(refusal, tokens), `${refusal.length} chars`);
		},
	},
	{
		id: 'e2eAgentNoRecord',
		title: 'an unknown address reaches the model as one sentence saying what to change',
		prompt: `What did we last send ${NOBODY}?`,
		workflow: (major) => refusalWorkflow('e2eAgentNoRecord', REFUSALS[1].prompt, major),
		script: ({ messages }) => {
			const results = toolResults(messages);
			if (!results.length) return { toolCalls: [{ name: toolName('Get CRM emails'), arguments: { contact_email: NOBODY, limit: 3 } }] };
			return { content: `Could not read the emails: ${results[0]}` };
		},
		check: (label, { log, completions, tokens }) => {
			checkEqual(`${label}: the emulator received only the search`, log.map(shapeOf), [{ method: 'GET', path: '/crm/v8/Contacts/search', query: { email: NOBODY }, body: null }]);
			const message = lastToolMessage(completions);
			check(
				`${label}: the tool message names the record and what to change`,
				message.includes(`No Contacts record has the email address ${NOBODY}; check the address and the module, or pick the record by ID`),
				message.slice(0, 400),
			);
			check(`${label}: the tool message holds no token and no stack`, !leaks(message, tokens), `${message.length} chars`);
		},
	},
];

/**
 * Runs one refusal check through `n8n execute`.
 * @param {N8n} n8n
 * @param {Emulator} emulator
 * @param {ModelServer} model
 * @param {RefusalCheck} refusal
 */
async function refusalScenario(n8n, emulator, model, refusal) {
	const label = `agent: ${refusal.title}`;
	model.use(refusal.script);
	await emulator.clearRequests();
	const result = await n8n.execute(refusal.id);
	const all = await emulator.requests();
	const log = all.filter((r) => !isTokenEndpoint(r));
	const tokens = [...new Set(all.map((r) => (typeof r.authorization === 'string' ? tokenOf(r) : '')).filter(Boolean))];
	// The refused tool run is recorded as failed in n8n's run data; the agent's run goes on with it.
	const output = String(result.run?.data?.resultData?.runData?.['AI Agent']?.[0]?.data?.main?.[0]?.[0]?.json?.output ?? '');
	const ok = result.code === 0 && result.run?.status === 'success' && output.length > 0;
	check(
		`${label}: the execution succeeded and the agent answered from the refusal`,
		ok,
		ok ? output.slice(0, 300) : `exit ${result.code}, status ${result.run?.status}: ${runError(result.run) || tail(result.output)}`,
	);
	refusal.check(label, { log, completions: model.completions(), run: result.run, tokens });
}

/**
 * The importable example (examples/agents/) holds the tools this suite proves, the same parameters
 * apart from its send limits (Max Emails per Execution), so the README's example cannot drift.
 */
function exampleCheck() {
	scope = '[example]';
	const file = path.join(ROOT, 'examples', 'agents', 'ai-agent-zoho-email.json');
	const example = JSON.parse(fs.readFileSync(file, 'utf8'));
	const tools = example.nodes.filter((/** @type {any} */ n) => n.type === TOOL_TYPE);
	/** @param {Record<string, unknown>} p */
	const withoutLimits = ({ performance, descriptionType, ...rest }) => rest;
	checkEqual(
		`${path.relative(ROOT, file)}: its Zoho Email tools are the suite's, with a send limit on each sending tool`,
		Object.fromEntries(tools.map((/** @type {any} */ n) => [n.name, withoutLimits(n.parameters)])),
		TOOLS,
		tools.map((/** @type {any} */ n) => `${n.name}: ${n.parameters.performance?.maxEmailsPerExecution ?? 'no limit'}`).join(', '),
	);
	check(
		`${path.relative(ROOT, file)}: every sending tool has Max Emails per Execution set`,
		tools.filter((/** @type {any} */ n) => ['send', 'emailTransaction'].includes(n.parameters.operation)).every((/** @type {any} */ n) => n.parameters.performance?.maxEmailsPerExecution > 0),
	);
}

/** @param {string} text */
function tail(text) {
	return text.trim().split('\n').slice(-6).join(' | ').slice(0, 1500);
}

/**
 * Every scenario in one n8n major.
 * @param {Major} major
 * @param {{ tmp: string, tarball: string, emulator: Emulator, model: ModelServer, actions: Map<string, string> }} ctx
 */
async function suite(major, ctx) {
	const t0 = Date.now();
	scope = `[n8n ${VERSIONS[major].version}]`;
	const { emulator, model, actions } = ctx;
	const n8n = new N8n({ major, userFolder: path.join(ctx.tmp, `n8n${major}`), port: await freePort(), brokerPort: await freePort() });
	try {
		await installPackage(n8n.userFolder, ctx.tarball);
		await emulator.reset();
		const tokens = await emulator.tokens();
		const credFile = writeCredential(path.join(ctx.tmp, `credentials-${major}.json`), { url: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret, tokens });
		const credentials = JSON.parse(fs.readFileSync(credFile, 'utf8'));
		credentials.push(
			{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'e2e-scripted-model-key', url: model.url } },
			{ ...MCP_CREDENTIAL, type: 'httpBearerAuth', data: { token: MCP_TOKEN } },
		);
		fs.writeFileSync(credFile, JSON.stringify(credentials, null, 2));
		const t = Date.now();
		await n8n.importCredentials(credFile);
		const dir = path.join(ctx.tmp, `workflows-${major}`);
		fs.mkdirSync(dir);
		for (const s of SCENARIOS) fs.writeFileSync(path.join(dir, `${s.id}.json`), JSON.stringify(agentWorkflow(s.id, s.prompt, major), null, 2));
		fs.writeFileSync(path.join(dir, `${MCP_WORKFLOW_ID}.json`), JSON.stringify(mcpWorkflow(major), null, 2));
		for (const r of REFUSALS) fs.writeFileSync(path.join(dir, `${r.id}.json`), JSON.stringify(r.workflow(major), null, 2));
		await n8n.importWorkflows(dir);
		log(`${scope} imported credentials and ${SCENARIOS.length + REFUSALS.length + 1} workflows ${seconds(Date.now() - t)}`);

		for (const scenario of SCENARIOS) {
			await guard(`agent: ${scenario.title}`, () => agentScenario(n8n, emulator, model, scenario, actions));
		}
		for (const r of REFUSALS) await guard(`agent: ${r.title}`, () => refusalScenario(n8n, emulator, model, r));
		await guard('mcp', () => mcpSuite(n8n, emulator, actions));
	} catch (error) {
		check('suite', false, error instanceof Error ? error.stack ?? error.message : String(error));
	} finally {
		await n8n.stop();
		fs.writeFileSync(path.join(ctx.tmp, `n8n${major}.log`), n8n.allLogs());
		log(`${scope} suite ran in ${seconds(Date.now() - t0)}`);
	}
}

async function main() {
	log(`agents e2e: n8n ${majors.map((m) => VERSIONS[m].version).join(' and ')}`);
	for (const major of majors) {
		const ms = await ensureInstalled(major, log);
		log(`n8n ${VERSIONS[major].version} ${ms ? `installed in ${seconds(ms)}` : 'already installed (cache)'}`);
	}
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-agents-'));
	/** @type {Emulator | null} */
	let emulator = null;
	const model = new ModelServer();
	try {
		const t = Date.now();
		const { tarball } = givenTarball ? await listTarball(path.resolve(givenTarball)) : await buildAndPack(tmp);
		log(`build + pack ${seconds(Date.now() - t)}: ${path.basename(tarball)}`);
		const actions = actionSentences();
		exampleCheck();
		const zoho = await new Emulator(await freePort()).start();
		emulator = zoho;
		await model.start();
		log(`emulator at ${zoho.url}, scripted model at ${model.url}`);
		for (const major of majors) await suite(major, { tmp, tarball, emulator: zoho, model, actions });
	} catch (error) {
		scope = '[setup]';
		check('setup', false, error instanceof Error ? error.stack ?? error.message : String(error));
	} finally {
		await model.stop();
		if (emulator) await emulator.stop();
		if (keep) log(`kept ${tmp}`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
	log(`done in ${seconds(Date.now() - report.started)}`);
	report.close();
}

void main();
