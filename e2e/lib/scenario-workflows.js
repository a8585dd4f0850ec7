// @ts-check
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { ACTION_TYPE, CREDENTIAL_ID, CREDENTIAL_NAME, loadExamples, webhookItemNodes } = require('./examples');

/**
 * The workflows of the scenario suite: one trigger workflow per scenario, each watching records of its
 * own (so the scenarios run side by side in one n8n), built from the trigger example; and a webhook
 * workflow that sends CRM emails with a credential of its own, for the token scenario.
 */

const TRIGGER_EXAMPLE = 'trigger-crm-records.json';

/** The token scenario's credential: its own refresh token, so its renewals are told apart. */
const TOKEN_CREDENTIAL = { id: 'zohoTokenLoadCred', name: 'Zoho (emulator, token load)' };

/**
 * @typedef {{ key: string, title: string, module: string, records: string[], fetchFullEmail?: boolean }} TriggerScenario
 * @type {Record<'steady' | 'slow' | 'burst' | 'activation' | 'restart', TriggerScenario>}
 */
const TRIGGER_SCENARIOS = {
	steady: { key: 'a', title: 'steady', module: 'Contacts', records: ['5725767000000502005', '5725767000000502007'] },
	slow: { key: 'b', title: 'slow Zoho', module: 'Leads', records: ['5725767000000501003', '5725767000000501005'] },
	burst: { key: 'c', title: 'burst + full email', module: 'Accounts', records: ['5725767000000503003'], fetchFullEmail: true },
	activation: { key: 'd', title: 'activation', module: 'Deals', records: ['5725767000000504003'] },
	restart: { key: 'e', title: 'reactivate and restart', module: 'Contacts', records: ['5725767000000502003'] },
};

/** The record the token scenario sends to (no trigger watches it). */
const SEND_RECORD = '5725767000000502001';
// Workflow IDs of at most 16 characters: n8n 1.x saves a workflow's static data (the trigger's state)
// only for such IDs (`isWorkflowIdValid` in n8n 1.123.81's utils.js; 2.41.1 allows 21).
const TOKEN_WORKFLOW_ID = 'zohoScenTokenF01';
const TOKEN_WEBHOOK_PATH = 'zoho-scenario-token-load';

/** @param {TriggerScenario} s */
const workflowId = (s) => `zohoScenario${s.key.toUpperCase()}01`;

/**
 * The trigger example, watching the scenario's records and polling every minute.
 * @param {TriggerScenario} s
 */
function triggerWorkflow(s) {
	const example = loadExamples().find((e) => e.file === TRIGGER_EXAMPLE);
	if (!example?.triggerNode) throw new Error(`examples/${TRIGGER_EXAMPLE} is missing or has no Zoho Email Trigger`);
	const workflow = JSON.parse(JSON.stringify(example.workflow));
	const node = workflow.nodes.find((/** @type {any} */ n) => n.name === example.triggerNode.name);
	Object.assign(node.parameters, {
		pollTimes: { item: [{ mode: 'everyMinute' }] },
		module: { __rl: true, mode: 'name', value: s.module },
		records: { record: s.records.map((id) => ({ recordId: { __rl: true, mode: 'id', value: id } })) },
		fetchFullEmail: Boolean(s.fetchFullEmail),
	});
	return {
		...workflow,
		id: workflowId(s),
		name: `Scenario ${s.key}: ${s.title}`,
		active: false,
		settings: { ...(workflow.settings ?? {}), saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
	};
}

/** A webhook that sends one CRM email per item of its body, with the token scenario's credential. */
function tokenWorkflow() {
	/** @param {number} n */
	const uuid = (n) => `7c1d2000-0000-4000-8000-${String(n).padStart(12, '0')}`;
	return {
		id: TOKEN_WORKFLOW_ID,
		name: 'Scenario f: CRM sends while the token expires',
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
		nodes: [
			...webhookItemNodes(uuid, TOKEN_WEBHOOK_PATH),
			{
				id: uuid(3),
				name: 'Send',
				type: ACTION_TYPE,
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'crmEmail',
					operation: 'send',
					module: { __rl: true, mode: 'list', value: 'Contacts', cachedResultName: 'Contacts' },
					recordId: { __rl: true, mode: 'id', value: SEND_RECORD },
					from: { __rl: true, mode: 'list', value: 'Patricia Boyle <patricia.boyle@zylker.com>', cachedResultName: 'Patricia Boyle' },
					to: 'Christopher Maclead <christopher.maclead@rangoni.example>',
					subject: '={{ $json.subject }}',
					content: '=<p>Token scenario, run {{ $json.run }}, item {{ $json.n }}.</p>',
					additionalFields: {},
				},
				credentials: { zohoEmailOAuth2Api: TOKEN_CREDENTIAL },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
		},
	};
}

/**
 * Writes every scenario workflow into `dir` for one `n8n import:workflow --separate`.
 * @param {string} dir
 */
function writeScenarioWorkflows(dir) {
	fs.mkdirSync(dir, { recursive: true });
	for (const s of Object.values(TRIGGER_SCENARIOS)) fs.writeFileSync(path.join(dir, `${workflowId(s)}.json`), JSON.stringify(triggerWorkflow(s), null, 2));
	fs.writeFileSync(path.join(dir, `${TOKEN_WORKFLOW_ID}.json`), JSON.stringify(tokenWorkflow(), null, 2));
	return dir;
}

module.exports = {
	TRIGGER_SCENARIOS,
	TOKEN_CREDENTIAL,
	TRIGGER_CREDENTIAL: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME },
	TOKEN_WORKFLOW_ID,
	TOKEN_WEBHOOK_PATH,
	SEND_RECORD,
	workflowId,
	writeScenarioWorkflows,
};
