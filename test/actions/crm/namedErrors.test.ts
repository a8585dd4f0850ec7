import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ZohoEmail } from '../../../nodes/ZohoEmail/ZohoEmail.node';
import { editorHtml } from '../../../nodes/ZohoEmail/transport/editorText';
import { runWorkflow, runZohoNode, zohoWorkflow } from '../../harness/engine';
import { registerNodeType } from '../../harness/nodeTypes';
import { crmParameters, crmRequests, emulatorCredential, rl, SEED, useEmulator } from './emulator';

/*
 * Errors as the editor shows them: the message as text, the description as HTML (n8n keeps a few
 * tags and drops the others, so "<name@example.com>" vanished and the lines ran together). An item's
 * error under Continue On Fail is data and stays plain; so does the error of the node run as a tool.
 */

const emulator = useEmulator();
const UNKNOWN_RECORD = '5725767000009999999';
const TOOL = 'n8n-nodes-zoho-email.zohoEmailTool';
registerNodeType(TOOL, new ZohoEmail());

function send(module: string, recordId: string, rest: INodeParameters = {}): INodeParameters {
	return crmParameters('send', module, recordId, { from: rl('address', 'patricia.boyle@zylker.com'), to: 'j.smith@example.com', subject: 'Hello', content: 'Hi', ...rest });
}

async function run(parameters: INodeParameters, items: IDataObject[] = [{}], continueOnFail = false) {
	return await runZohoNode({ parameters, items, credential: emulatorCredential(emulator()), continueOnFail });
}

describe('editor HTML of a description', () => {
	it('escapes what HTML would read as markup, and puts each line on its own', () => {
		expect(editorHtml('Use "Name <name@example.com>" & `this`\nNext line\r\nLast')).toBe(
			'Use "Name &lt;name@example.com&gt;" &amp; &#96;this&#96;<br>Next line<br>Last',
		);
	});
});

describe('a record or module that does not exist is named, with its value', () => {
	it('send to an unknown record: the Record field and its ID, one fact per line in the editor', async () => {
		const result = await run(send('Contacts', UNKNOWN_RECORD));
		expect(crmRequests(emulator()).map((r) => `${r.method} ${r.path}`)).toEqual([`POST /crm/v8/Contacts/${UNKNOWN_RECORD}/actions/send_mail`]);
		expect(result.error?.message).toBe(`Zoho CRM could not send the email: Zoho rejected a value (field "Record": ${UNKNOWN_RECORD})`);
		expect(result.error?.description).toBe(
			[
				'Zoho code: INVALID_DATA',
				'Zoho message: the id given seems to be invalid',
				`Field: Record = ${UNKNOWN_RECORD}`,
				'Details: {"resource_path_index":1}',
				'HTTP status: 400',
				'Zoho found no Contacts record with this ID (it may have been deleted, or belong to another module): pick the record from the list, or check the ID and the module.',
			].join('<br>'),
		);
	});

	it('an unknown module: the Module field and its API name; with Continue On Fail the description stays plain', async () => {
		const result = await run(send('Projects__c', SEED.maclead), [{}], true);
		expect(result.items).toEqual([
			{
				json: {
					error: 'Zoho CRM could not send the email: the module does not exist or does not support this operation (field "Module": Projects__c)',
					description: [
						'Zoho code: INVALID_MODULE',
						'Zoho message: the module name given seems to be invalid',
						'Field: Module = Projects__c',
						'Details: {"resource_path_index":0}',
						'HTTP status: 400',
						'Zoho has no module with this API name, or it does not support emails: pick the module from the list, or use its API name (e.g. Contacts, Leads, Deals).',
					].join('\n'),
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('Get Many of an unknown record names the Record too', async () => {
		const result = await run(crmParameters('list', 'Leads', UNKNOWN_RECORD));
		expect(result.error?.message).toBe(`Zoho CRM could not get the emails of the record: Zoho rejected a value (field "Record": ${UNKNOWN_RECORD})`);
	});

	it('an AI agent is told which value to change, and the tool\'s description stays plain', async () => {
		const workflow = zohoWorkflow({ parameters: send('Contacts', UNKNOWN_RECORD), items: [{}], continueOnFail: false });
		workflow.nodes[1].type = TOOL;
		const result = await runWorkflow(workflow, emulatorCredential(emulator()));
		expect(result.error?.message).toBe(
			`Zoho CRM could not send the email: Zoho rejected a value (field "Record": ${UNKNOWN_RECORD}); use the ID of an existing Contacts record in "Record" instead of ${UNKNOWN_RECORD}.`,
		);
		expect(result.error?.description).toContain('\nHTTP status: 400\n');
	});
});

describe('a refused parameter shows its hint whole in the editor', () => {
	it('the address hint keeps "<name@example.com>" (escaped), before any request', async () => {
		const result = await run(send('Contacts', SEED.maclead, { to: 'not-an-address' }));
		expect(crmRequests(emulator())).toEqual([]);
		expect(result.error?.message).toBe('"To" has an invalid email address: not-an-address');
		expect(result.error?.description).toBe('Use "name@example.com" or "Name &lt;name@example.com&gt;", separated by commas (item 0).');
	});

	it('as an AI agent\'s tool, the hint stays plain text', async () => {
		const workflow = zohoWorkflow({ parameters: send('Contacts', SEED.maclead, { to: 'not-an-address' }), items: [{}], continueOnFail: false });
		workflow.nodes[1].type = TOOL;
		const result = await runWorkflow(workflow, emulatorCredential(emulator()));
		expect(result.error?.description).toBe('Use "name@example.com" or "Name <name@example.com>", separated by commas (item 0).');
	});
});
