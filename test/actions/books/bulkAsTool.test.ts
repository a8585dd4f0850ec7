import { ZohoEmail } from '../../../nodes/ZohoEmail/ZohoEmail.node';
import { runWorkflow, zohoWorkflow } from '../../harness/engine';
import { registerNodeType } from '../../harness/nodeTypes';
import { emulatorCredential, requestsTo, useEmulator } from './emulator';

const ORG = '10234695';
const SENT = '460000000040001';
const UNKNOWN = '460000000049999';
const TOOL = 'n8n-nodes-zoho-email.zohoEmailTool';

/** A bulk operation run as an AI agent's tool: each item of a refused call says what to change. */
describe('Books bulk operations as an AI agent tool', () => {
	const emulator = useEmulator();
	registerNodeType(TOOL, new ZohoEmail());

	async function remind(type: string) {
		const emu = emulator();
		emu.clearRequests();
		const workflow = zohoWorkflow({
			parameters: {
				resource: 'booksEmail',
				operation: 'sendPaymentRemindersInBulk',
				organizationId: { __rl: true, mode: 'id', value: ORG },
				transactionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			items: [{ id: SENT }, { id: UNKNOWN }],
			continueOnFail: true,
		});
		workflow.nodes[1].type = type;
		const result = await runWorkflow(workflow, emulatorCredential(emu));
		// The call, then the reads that find the unknown invoice (the organization's name, each invoice).
		expect(requestsTo(emu, 'books').map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /books/v3/invoices/paymentreminder',
			'GET /books/v3/organizations',
			`GET /books/v3/invoices/${SENT}`,
			`GET /books/v3/invoices/${UNKNOWN}`,
		]);
		return (result.output['Zoho Email'] ?? []).map((item) => ({ error: item.json.error, pairedItem: item.pairedItem }));
	}

	it('gives every item of a call Zoho refused for an unknown invoice the advice for its own part', async () => {
		const plain = await remind('n8n-nodes-zoho-email.zohoEmail');
		const asTool = await remind(TOOL);
		expect(plain.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(asTool.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(plain.map((i) => i.error)).toEqual([
			`Zoho Books could not send the payment reminders: invoice ${UNKNOWN} (item 1) does not exist in the organization Zylker Inc (${ORG}), so Zoho Books refused the whole call; nothing of it went out`,
			`Zoho Books could not send the payment reminders: invoice ${UNKNOWN} does not exist in the organization Zylker Inc (${ORG}); nothing of the call went out`,
		]);
		expect(asTool.map((i) => i.error)).toEqual([
			`${String(plain[0].error)}; run this invoice again without ${UNKNOWN}.`,
			`${String(plain[1].error)}; use an existing invoice ID instead of ${UNKNOWN}.`,
		]);
	});
});
