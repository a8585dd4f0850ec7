import type { INodeParameters } from 'n8n-workflow';

import { ZohoEmail } from '../../nodes/ZohoEmail/ZohoEmail.node';
import { runWorkflow, zohoWorkflow } from '../harness/engine';
import { registerNodeType } from '../harness/nodeTypes';
import { emulatorCredential, useEmulator, type Emulator } from '../actions/crm/emulator';
import { crmSend, SEND_PATH } from './helpers';

const TOOL = 'n8n-nodes-zoho-email.zohoEmailTool';
registerNodeType(TOOL, new ZohoEmail());

const emulator = useEmulator();

const ORG = '10234695';
const INVOICE = '460000000040001';
const REMINDER_PATH = /\/books\/v3\/invoices\/\d+\/paymentreminder$/;
const reminder: INodeParameters = {
	resource: 'booksEmail',
	operation: 'sendPaymentReminder',
	organizationId: { __rl: true, mode: 'id', value: ORG },
	transactionId: { __rl: true, mode: 'id', value: INVOICE },
	to: 'willsmith@bowmanfurniture.example',
	contentMode: 'custom',
	subject: 'Reminder',
	content: 'Please pay',
};

/** Runs the node once, as itself or as an AI agent's tool, with Continue On Fail: the item's error and description. */
async function failureOf(emu: Emulator, parameters: INodeParameters, asTool: boolean) {
	const workflow = zohoWorkflow({ parameters, items: [{ to: 'ana@example.com' }], continueOnFail: true });
	if (asTool) workflow.nodes[1].type = TOOL;
	const result = await runWorkflow(workflow, emulatorCredential(emu));
	return (result.output['Zoho Email'] ?? []).map((item) => item.json);
}

/**
 * A write whose outcome Zoho leaves unknown (an internal error) says so: for a person, that it may
 * have been done and was not retried; for an AI agent, plainly not to retry.
 */
describe('an internal error on a write says the email may have gone out and was not retried', () => {
	it.each([false, true])('CRM Send answered 500 INTERNAL_ERROR (as a tool: %s)', async (asTool) => {
		const emu = emulator();
		emu.addFault({ method: 'POST', path: SEND_PATH, status: 500, body: { code: 'INTERNAL_ERROR', details: {}, message: 'Internal Server Error', status: 'error' }, times: 0 });
		const [item] = await failureOf(emu, crmSend(), asTool);
		expect(emu.requests({ method: 'POST' }).filter((r) => SEND_PATH.test(r.path))).toHaveLength(1);
		expect(item.error).toBe(
			asTool
				? 'Zoho CRM could not send the email: Zoho had an internal error; do not retry: the email may already have been sent; check the record\'s emails first.'
				: 'Zoho CRM could not send the email: Zoho had an internal error',
		);
		expect(item.description).toBe(
			'Zoho code: INTERNAL_ERROR\nZoho message: Internal Server Error\nHTTP status: 500\n' +
				'The email may or may not have gone out. It was not retried, so that nobody is mailed twice: check the record in Zoho before running this item again.',
		);
	});

	it.each([false, true])('Books Send Payment Reminder answered 503 (as a tool: %s)', async (asTool) => {
		const emu = emulator();
		emu.addFault({ method: 'POST', path: REMINDER_PATH, status: 503, times: 0 });
		const [item] = await failureOf(emu, reminder, asTool);
		expect(emu.requests({ method: 'POST' }).filter((r) => REMINDER_PATH.test(r.path))).toHaveLength(1);
		expect(item.error).toBe(
			asTool
				? 'Zoho Books could not send the payment reminder: Zoho Books had an internal error; do not retry: the payment reminder may already have been sent; check the invoice\'s history (List Email History) first.'
				: 'Zoho Books could not send the payment reminder: Zoho Books had an internal error',
		);
		expect(item.description).toBe(
			'Zoho code: 1000\nZoho message: Internal error\nHTTP status: 503\n' +
				'The payment reminder may or may not have gone out. It was not retried, so that nobody is mailed twice: check the invoice\'s history in Zoho Books before running this item again.',
		);
		expect(emu.data.books.transaction(ORG, 'invoices', INVOICE)?.reminders_sent ?? 0).toBe(0);
	});

	it('a 502 without Zoho\'s body on a send says the same', async () => {
		const emu = emulator();
		emu.addFault({ method: 'POST', path: SEND_PATH, status: 502, text: '<html><body>502 Bad Gateway</body></html>', times: 0 });
		const [item] = await failureOf(emu, crmSend(), true);
		expect(item.error).toBe(
			'Zoho CRM could not send the email: Zoho answered with HTTP 502; do not retry: the email may already have been sent; check the record\'s emails first.',
		);
		expect(item.description).toBe(
			'HTTP status: 502\nThe email may or may not have gone out. It was not retried, so that nobody is mailed twice: check the record in Zoho before running this item again.',
		);
	});
});
