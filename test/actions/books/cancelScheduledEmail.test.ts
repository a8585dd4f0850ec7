import type { INodeParameters } from 'n8n-workflow';

import { runZohoNode } from '../../harness/engine';
import { ALL_SCOPES } from '../../../emulator/scopes';
import example from '../../../examples/books-cancelScheduledEmail.json';
import { emulatorCredential, type Emulator, type ExampleJson, requestsTo, runExample, useEmulator } from './emulator';

const ORG = '10234695';
const INVOICE = '460000000040001';
const OPTION_ERROR = 'Cancelling a scheduled invoice email needs the credential option "Allow Cancelling Scheduled Invoice Emails"';

function params(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'booksEmail',
		operation: 'cancelScheduledEmail',
		organizationId: { __rl: true, mode: 'id', value: ORG },
		transactionId: { __rl: true, mode: 'id', value: INVOICE },
		...overrides,
	};
}

/** The credential a user has after turning the option on and reconnecting: the token carries ZohoBooks.invoices.DELETE. */
const optedIn = (emu: Emulator) => ({ ...emulatorCredential(emu), booksCancelScheduledEmails: true, oauthTokenData: emu.issueToken({ scopes: ALL_SCOPES }) as never });

describe('Books Email: Cancel Scheduled Invoice Email (emulator)', () => {
	const emulator = useEmulator();

	it('sends DELETE /invoices/{id}/email/schedule with the option on and returns Zoho\'s answer', async () => {
		const emu = emulator();
		emu.data.books.transaction(ORG, 'invoices', INVOICE).schedule_time = '2099-06-20 10:00:00';
		const result = await runZohoNode({ parameters: params(), credential: optedIn(emu) });
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books')).toEqual([{ method: 'DELETE', path: `/books/v3/invoices/${INVOICE}/email/schedule`, query: { organization_id: ORG }, body: null }]);
		expect(result.items).toEqual([
			{
				json: { code: 0, message: 'The scheduled invoice email has been cancelled.', organization_id: ORG, invoice_id: INVOICE, scheduled: false },
				pairedItem: { item: 0 },
			},
		]);
		expect(emu.data.books.transaction(ORG, 'invoices', INVOICE)?.schedule_time).toBe('');
	});

	it('with the option off, fails every item naming the option before any request', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params(), items: [{}, {}], credential: emulatorCredential(emu), continueOnFail: true });
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ error: OPTION_ERROR }), pairedItem: { item: 0 } },
			{ json: expect.objectContaining({ error: OPTION_ERROR }), pairedItem: { item: 1 } },
		]);
		expect(String(result.items[0].json.description)).toContain('click Reconnect (item 0)');
		expect(emu.requests()).toEqual([]);
		const failed = await runZohoNode({ parameters: params(), credential: emulatorCredential(emu) });
		expect(failed.error?.message).toBe(OPTION_ERROR);
	});

	it('with the option on but the old token (not reconnected), reports Zoho\'s scope refusal', async () => {
		const emu = emulator();
		const result = await runZohoNode({ parameters: params(), credential: { ...emulatorCredential(emu), booksCancelScheduledEmails: true } });
		expect(result.error?.message).toBe('Zoho Books could not cancel the scheduled invoice email: Zoho Books refused the request: the token expired, or the credential lacks the permission (scope)');
		// n8n's OAuth2 helper renews the token once on a 401 and repeats the request; the renewed token has the same scopes.
		expect(requestsTo(emu, 'books').map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
	});

	it('runs the example workflow books-cancelScheduledEmail.json: schedules, then cancels the same invoice', async () => {
		const emu = emulator();
		const result = await runExample(example as unknown as ExampleJson, emu, optedIn(emu));
		expect(result.error).toBeUndefined();
		expect(requestsTo(emu, 'books').map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', `/books/v3/invoices/${INVOICE}/email/schedule`, { schedule_time: '2099-06-20 10:00:00' }],
			['DELETE', `/books/v3/invoices/${INVOICE}/email/schedule`, null],
		]);
		expect(result.items.map((i) => [i.json.message, i.pairedItem])).toEqual([['The scheduled invoice email has been cancelled.', { item: 0 }]]);
	});
});
