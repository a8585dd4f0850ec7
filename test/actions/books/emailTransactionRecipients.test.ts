import type { INodeParameters } from 'n8n-workflow';

import { runZohoNode } from '../../harness/engine';
import { emulatorCredential, requestsTo, useEmulator } from './emulator';

const ORG = '10234695';
const INVOICE = '460000000040001';

/**
 * Email a Transaction with Send To "Contact Persons Books Picks", what a new node (version 1.1) starts
 * with: the recipients are the contact persons Books selects in its default email (GET …/email), read in
 * the call that gives the content; version 1 (saved workflows) keeps To.
 */
describe('Books Email: Email a Transaction to the contact persons Books picks', () => {
	const emulator = useEmulator();
	const parameters = (extra: INodeParameters = {}): INodeParameters => ({
		resource: 'booksEmail',
		operation: 'emailTransaction',
		transactionType: 'invoice',
		organizationId: { __rl: true, mode: 'id', value: ORG },
		transactionId: { __rl: true, mode: 'id', value: INVOICE },
		...extra,
	});

	it('a new node needs only the transaction: Books\' own recipients, template and sender', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: parameters(), credential: emulatorCredential(emu), typeVersion: 1.1 });
		expect(result.error).toBeUndefined();
		const requests = requestsTo(emu, 'books');
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /books/v3/invoices/${INVOICE}/email`, `POST /books/v3/invoices/${INVOICE}/email`]);
		expect(requests[1].body).toEqual({ to_mail_ids: ['willsmith@bowmanfurniture.example'] });
		expect(result.items[0].json.to_mail_ids).toEqual(['willsmith@bowmanfurniture.example']);
	});

	it('a saved version-1 node still needs To', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: parameters(), credential: emulatorCredential(emu) });
		expect(result.error?.message).toContain('Parameter "To" is required');
		expect(requestsTo(emu, 'books')).toEqual([]);
	});

	it('refuses sales receipts, for which Books gives no recipients, before any request', async () => {
		const emu = emulator();
		const result = await runZohoNode({
			parameters: parameters({ transactionType: 'salesReceipt', contentMode: 'custom', subject: 'Receipt', content: 'Thanks' }),
			credential: emulatorCredential(emu),
			typeVersion: 1.1,
		});
		expect(result.error?.message).toBe('Zoho Books picks no recipients for sales receipt emails');
		expect(requestsTo(emu, 'books')).toEqual([]);
	});
});
