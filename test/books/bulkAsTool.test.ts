import { ZohoEmail } from '../../nodes/ZohoEmail/ZohoEmail.node';
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
		expect(requestsTo(emu, 'books')).toHaveLength(1);
		return (result.output['Zoho Email'] ?? []).map((item) => ({ error: item.json.error, pairedItem: item.pairedItem }));
	}

	it('gives every item of a call Zoho refused the advice a single item gets', async () => {
		const plain = await remind('n8n-nodes-zoho-email.zohoEmail');
		const asTool = await remind(TOOL);
		expect(plain.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(asTool.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const [k, item] of asTool.entries()) {
			expect(item.error).toBe(`${String(plain[k].error)}; check the ID and the organization: no such record exists there.`);
		}
	});
});
