// @ts-check
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { emailTarget } = require('./checks');
const { ROOT, PACKAGE_NAME } = require('./n8n');

/**
 * The example workflows (`examples/*.json`) and the emulator credential they reference.
 */

const CREDENTIAL_ID = 'zohoEmulatorCred';
const CREDENTIAL_NAME = 'Zoho (emulator)';
const ACTION_TYPE = `${PACKAGE_NAME}.zohoEmail`;
const TRIGGER_TYPE = `${PACKAGE_NAME}.zohoEmailTrigger`;

/**
 * @typedef {{ file: string, id: string, name: string, workflow: any, trigger: boolean, zohoNodes: any[], triggerNode: any | undefined }} Example
 */

/**
 * Reads every `*.json` workflow in `dir` (sorted by file name).
 * @param {string} [dir]
 * @returns {Example[]}
 */
function loadExamples(dir = path.join(ROOT, 'examples')) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
			const base = path.basename(file, '.json');
			// Workflow ids are what `n8n execute --id` takes; examples without one get a stable id from the file name.
			const id = typeof workflow.id === 'string' && workflow.id ? workflow.id : `ex${crypto.createHash('sha1').update(base).digest('hex').slice(0, 14)}`;
			const nodes = Array.isArray(workflow.nodes) ? workflow.nodes : [];
			const triggerNode = nodes.find((/** @type {any} */ n) => n.type === TRIGGER_TYPE);
			const hasManual = nodes.some((/** @type {any} */ n) => n.type === 'n8n-nodes-base.manualTrigger');
			return {
				file,
				id,
				name: String(workflow.name ?? base),
				workflow: { ...workflow, id },
				trigger: base.startsWith('trigger-') || (Boolean(triggerNode) && !hasManual),
				zohoNodes: nodes.filter((/** @type {any} */ n) => n.type === ACTION_TYPE),
				triggerNode,
			};
		});
}

/**
 * Writes the examples into `dir` for one `n8n import:workflow --separate --input dir` (ids set, inactive).
 * @param {Example[]} examples
 * @param {string} dir
 */
function writeImportDir(examples, dir) {
	fs.mkdirSync(dir, { recursive: true });
	for (const ex of examples) {
		const workflow = { ...ex.workflow, active: false };
		fs.writeFileSync(path.join(dir, ex.file), JSON.stringify(workflow, null, 2));
	}
	return dir;
}

/**
 * The credential the examples use, pointing at the emulator, as `n8n import:credentials` reads it (data
 * as a plain object: n8n encrypts it). Another `id` and `name` give a second credential of its own.
 * @param {{ url: string, clientId: string, clientSecret: string, tokens: Record<string, unknown>, id?: string, name?: string }} opts
 */
function credentialEntry(opts) {
	return {
		id: opts.id ?? CREDENTIAL_ID,
		name: opts.name ?? CREDENTIAL_NAME,
		type: 'zohoEmailOAuth2Api',
		data: {
			clientId: opts.clientId,
			clientSecret: opts.clientSecret,
			dataCenter: 'custom',
			customAccountsUrl: opts.url,
			customApiUrl: opts.url,
			products: ['crm', 'bigin', 'books'],
			crmEnvironment: 'production',
			// Opt-in permission for "Cancel Scheduled Invoice Email" (its example runs in the suites).
			booksCancelScheduledEmails: true,
			oauthTokenData: opts.tokens,
		},
	};
}

/**
 * Writes the credential the examples use as a file for `n8n import:credentials`.
 * @param {string} file
 * @param {{ url: string, clientId: string, clientSecret: string, tokens: Record<string, unknown> }} opts
 */
function writeCredential(file, opts) {
	fs.writeFileSync(file, JSON.stringify([credentialEntry(opts)], null, 2));
	return file;
}

/**
 * The head of the load workflows: a webhook whose body's `items` become one item each.
 * @param {(n: number) => string} uuid the workflow's node-ID maker
 * @param {string} path the webhook's path
 */
function webhookItemNodes(uuid, path) {
	return [
		{
			id: uuid(1),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: uuid(101),
			parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		},
		{
			id: uuid(2),
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
		},
	];
}

/**
 * The emulator admin call that makes a trigger example emit: an emailed invoice for the Books trigger
 * (in the organization it watches), two emails on a watched record for the CRM trigger.
 * @param {Example} trigger
 */
function triggerEvent(trigger) {
	const json = (/** @type {unknown} */ body) => ` -H 'content-type: application/json' -d '${JSON.stringify(body)}'`;
	const target = emailTarget(trigger);
	if (target) return `/__admin/crm/emails${json({ ...target, count: 2 })}`;
	const organizationId = String(trigger.triggerNode?.parameters?.organizationId?.value ?? '10234695');
	return `/__admin/books/documents${json({ organizationId, entity: 'invoices', emailed: true })}`;
}

module.exports = { triggerEvent, webhookItemNodes, loadExamples, writeImportDir, writeCredential, credentialEntry, CREDENTIAL_ID, CREDENTIAL_NAME, ACTION_TYPE, TRIGGER_TYPE };
