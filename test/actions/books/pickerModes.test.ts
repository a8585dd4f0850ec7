import type { INodeParameters, INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { runZohoNode } from '../../harness/engine';
import { booksEmail } from '../../../nodes/ZohoEmail/actions/books';
import { BOOKS_TRANSACTIONS } from '../../../nodes/ZohoEmail/models/books';
import { ALL_SCOPES } from '../../../emulator/scopes';
import { emulatorCredential, requestsTo, useEmulator, type Emulator } from './emulator';

const ORG = '10234695';
const byNumber = (value: string) => ({ __rl: true, mode: 'number', value });
const SELECTORS = ['transactionType', 'documentType', 'historyOf'];

/**
 * Every Books operation whose Transaction picker offers "By Number", with each transaction type it
 * offers that Zoho can find by number: read from the node's description, so an operation or type added
 * later is covered by the same test.
 */
function byNumberCases(): Array<[string, { operation: string; selector?: string; typeName: string }]> {
	return Object.entries(booksEmail.operations).flatMap(([operation, op]) => {
		const pickers = op.description.filter((p: INodeProperties) => p.name === 'transactionId' && p.type === 'resourceLocator');
		if (!pickers.some((p) => (p.modes as INodePropertyMode[]).some((m) => m.name === 'number'))) return [];
		const selector = op.description.find((p: INodeProperties) => SELECTORS.includes(p.name));
		const offered = selector ? (selector.options as Array<{ value: string }>).map((o) => o.value).filter((v) => v in BOOKS_TRANSACTIONS) : ['invoice'];
		return offered
			.filter((typeName) => BOOKS_TRANSACTIONS[typeName].numberFilter)
			.map((typeName): [string, { operation: string; selector?: string; typeName: string }] => [`${operation} (${typeName})`, { operation, selector: selector?.name, typeName }]);
	});
}

function parameters(c: { operation: string; selector?: string; typeName: string }, number: string): INodeParameters {
	return {
		resource: 'booksEmail',
		operation: c.operation,
		organizationId: { __rl: true, mode: 'id', value: ORG },
		...(c.selector ? { [c.selector]: c.typeName } : {}),
		transactionId: byNumber(number),
		to: 'willsmith@bowmanfurniture.example',
		contentMode: 'custom',
		subject: 'About your document',
		content: 'Please see the attached document.',
	};
}

/** The credential with every scope, the opt-in delete permission included (Cancel Scheduled Invoice Email). */
const fullCredential = (emu: Emulator) => ({
	...emulatorCredential(emu),
	booksCancelScheduledEmails: true,
	oauthTokenData: emu.issueToken({ scopes: ALL_SCOPES }) as never,
});

describe('Books Transaction picker: "By Number" means the number wherever it is offered (emulator)', () => {
	const emulator = useEmulator();
	const cases = byNumberCases();

	it('is offered by every operation that has the Transaction picker', () => {
		const operations = [...new Set(cases.map(([, c]) => c.operation))].sort();
		const withPicker = Object.entries(booksEmail.operations)
			.filter(([, op]) => op.description.some((p: INodeProperties) => p.name === 'transactionId'))
			.map(([name]) => name)
			.sort();
		expect(operations).toEqual(withPicker);
		expect(operations).toEqual([
			'cancelScheduledEmail',
			'emailTransaction',
			'emailTransactionsInBulk',
			'getEmailContent',
			'getPaymentReminderContent',
			'listEmailHistory',
			'sendPaymentReminder',
			'sendPaymentRemindersInBulk',
			'setPaymentReminders',
		]);
	});

	it.each(cases)('%s: looks the number up with one list request, then acts on the document found', async (_name, c) => {
		const emu = emulator();
		const type = BOOKS_TRANSACTIONS[c.typeName];
		const document = emu.data.books.transactions(ORG, type.path)[0] as Record<string, string>;
		const id = document[type.idField];
		const number = document[type.numberField];
		await runZohoNode({ parameters: parameters(c, number), credential: fullCredential(emu), continueOnFail: true });
		const [lookup, ...rest] = requestsTo(emu, 'books');
		expect(lookup).toEqual({ method: 'GET', path: `/books/v3/${type.path}`, query: { [type.numberField]: number, per_page: '200', organization_id: ORG }, body: null });
		expect(rest.length).toBeGreaterThan(0);
		for (const request of rest) {
			expect(request.path.split('/').includes(id) || request.query[`${type.idField}s`] === id).toBe(true);
		}
	});

	it.each(cases.filter(([, c]) => c.typeName === 'invoice'))('%s: a number made only of digits is a number, never a document ID', async (_name, c) => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: parameters(c, '460000000040004'), credential: fullCredential(emu), continueOnFail: true });
		expect(requestsTo(emu, 'books')).toEqual([
			{ method: 'GET', path: '/books/v3/invoices', query: { invoice_number: '460000000040004', per_page: '200', organization_id: ORG }, body: null },
			{ method: 'GET', path: '/books/v3/organizations', query: {}, body: null },
		]);
		expect(result.items).toEqual([
			{
				json: {
					error: `No invoice has the number 460000000040004 in the organization Zylker Inc (${ORG})`,
					description: 'Check the number and the organization, or pick the invoice From List or By ID (item 0).',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends a payment reminder for INV-00004, found by its number', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: parameters({ operation: 'sendPaymentReminder', typeName: 'invoice' }, 'INV-00004'), credential: emulatorCredential(emu) });
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => [r.method, r.path])).toEqual([
			['GET', '/books/v3/invoices'],
			['POST', '/books/v3/invoices/460000000040004/paymentreminder'],
		]);
		expect(result.items[0].json).toMatchObject({ invoice_id: '460000000040004', message: 'Your payment reminder has been sent.' });
	});

	it('reminds in bulk by number: each number looked up, one call with the IDs found', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: { ...parameters({ operation: 'sendPaymentRemindersInBulk', typeName: 'invoice' }, ''), transactionId: byNumber('={{ $json.number }}') },
			items: [{ number: 'INV-00001' }, { number: 'INV-00004' }],
			credential: emulatorCredential(emu),
		});
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => [r.method, r.path, r.query.invoice_number ?? r.query.invoice_ids])).toEqual([
			['GET', '/books/v3/invoices', 'INV-00001'],
			['GET', '/books/v3/invoices', 'INV-00004'],
			['POST', '/books/v3/invoices/paymentreminder', '460000000040001,460000000040004'],
		]);
		expect(result.items.map((i) => [i.json.invoice_id, i.json.batch_ids, i.pairedItem])).toEqual([
			['460000000040001', ['460000000040001', '460000000040004'], { item: 0 }],
			['460000000040004', ['460000000040001', '460000000040004'], { item: 1 }],
		]);
	});
});
