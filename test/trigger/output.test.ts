import type { IDataObject } from 'n8n-workflow';

import { emulatorCredential, PollHarness } from '../harness/poll';
import { addEmailAt, BOOKS_ORG, crmRecordsParameters, MACLEAD, requestLines } from './helpers';
import { useZoho } from './modelSupport';

/**
 * The trigger's Output option: a version-1 trigger (every saved workflow) keeps Zoho's raw items; a new
 * trigger (version 1.1) starts Simplified, the shape CRM Email → Get Many returns.
 */
describe('Zoho Email Trigger: Output', () => {
	const zoho = useZoho({ perTest: {} });

	const trigger = (parameters: IDataObject, typeVersion?: number) =>
		new PollHarness({ parameters: parameters as never, credential: emulatorCredential(zoho.emu), typeVersion });

	async function oneNewEmail(typeVersion: number | undefined, extra: IDataObject = {}): Promise<IDataObject[]> {
		const h = trigger(crmRecordsParameters([MACLEAD], extra as never), typeVersion);
		await h.poll();
		addEmailAt(zoho.emu, MACLEAD, Date.now(), { subject: 'Quote for 12 chairs' });
		return (await h.poll()).items.map((i) => i.json);
	}

	it('version 1 emits Zoho\'s raw email with the record, as before', async () => {
		const [item] = await oneNewEmail(undefined);
		expect(item.subject).toBe('Quote for 12 chairs');
		expect(item.record).toEqual({ module: 'Contacts', id: MACLEAD });
		expect(item).toHaveProperty('message_id');
		expect(item).not.toHaveProperty('record_id');
	});

	it('version 1.1 emits the Simplified email, with the keys of Get Many', async () => {
		const [item] = await oneNewEmail(1.1);
		expect(Object.keys(item)).toEqual(['id', 'subject', 'from', 'to', 'time', 'sent', 'status', 'module', 'record_id']);
		expect(item).toMatchObject({ subject: 'Quote for 12 chairs', module: 'Contacts', record_id: MACLEAD });
		expect(typeof item.id).toBe('string');
		expect(String(item.time)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
	});

	it('version 1.1 keeps Raw when chosen, and version 1 gives Simplified when chosen', async () => {
		expect((await oneNewEmail(1.1, { output: 'raw' }))[0].record).toEqual({ module: 'Contacts', id: MACLEAD });
		expect(Object.keys((await oneNewEmail(1, { output: 'simple' }))[0])).toContain('record_id');
	});

	it('Books with Organization left empty watches the default organization, looked up once on activation', async () => {
		const h = trigger({ source: 'booksEmailed', transactionTypes: ['invoice'] }, 1.1);
		await h.poll();
		await h.poll();
		const list = `GET /books/v3/invoices?sort_column=last_modified_time&sort_order=D&page=1&per_page=200&organization_id=${BOOKS_ORG}`;
		expect(requestLines(zoho.emu)).toEqual(['GET /books/v3/organizations', list, list]);
	});

	it('Books Simplified: what happened to which document, by number', async () => {
		const h = trigger({ source: 'booksEmailed', organizationId: BOOKS_ORG, transactionTypes: ['invoice'] }, 1.1);
		await h.poll();
		const draft = zoho.emu.data.books.transactions(BOOKS_ORG, 'invoices').find((i) => i.is_emailed !== true) as IDataObject;
		const now = Date.now();
		Object.assign(draft, { is_emailed: true, status: 'sent', last_modified_time: new Date(Math.floor(now / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000'), _modifiedTs: Math.floor(now / 1000) * 1000 });
		const [item] = (await h.poll()).items.map((i) => i.json);
		expect(item).toMatchObject({ event: 'emailed', document_type: 'invoice', document_id: String(draft.invoice_id), document_number: draft.invoice_number, status: 'sent' });
		expect(item).not.toHaveProperty('document');
	});
});

describe('Zoho Email Trigger: Simplified engagement events', () => {
	const ctx = { getNode: () => ({ typeVersion: 1.1 }), getNodeParameter: () => 'simple' } as never;
	const email = { message_id: 'c4f1a0b2', subject: 'Quote', from: 'patricia.boyle@zylker.com', to: [{ email: 'ana@example.com' }], time: '2030-01-15T10:00:00+05:30', sent: true, status: [{ type: 'opened', count: 3 }] };

	it('keeps the event, the email it is about and the event\'s own fields, times in ISO 8601 UTC', async () => {
		const { shapeTriggerItems } = await import('../../nodes/ZohoEmail/trigger/output');
		const raw = { event: 'opened', record: { module: 'Contacts', id: '5725767000000502001' }, messageId: 'c4f1a0b2', subject: 'Quote', to: email.to, sentTime: email.time, openCount: 3, newOpens: 2, firstOpen: '2030-01-15T11:00:00+05:30', lastOpen: '2030-01-15T12:30:00+05:30', email };
		const [item] = shapeTriggerItems(ctx, [raw], { source: 'crmRecords', includeBody: false });
		expect(item).toMatchObject({
			event: 'opened',
			module: 'Contacts',
			record_id: '5725767000000502001',
			message_id: 'c4f1a0b2',
			subject: 'Quote',
			sent_time: '2030-01-15T04:30:00Z',
			open_count: 3,
			new_opens: 2,
			first_open: '2030-01-15T05:30:00Z',
			last_open: '2030-01-15T07:00:00Z',
			email: { id: 'c4f1a0b2', subject: 'Quote', sent: true, module: 'Contacts', record_id: '5725767000000502001' },
		});
	});

	it('a reply is simplified as Get Many returns it, beside the sent email', async () => {
		const { shapeTriggerItems } = await import('../../nodes/ZohoEmail/trigger/output');
		const reply = { ...email, message_id: 'd9e8', sent: false, time: '2030-01-16T09:00:00Z' };
		const raw = { event: 'replied', record: { module: 'Contacts', id: '1' }, messageId: 'c4f1a0b2', subject: 'Quote', to: email.to, sentTime: email.time, replyTime: reply.time, reply, email };
		const [item] = shapeTriggerItems(ctx, [raw], { source: 'crmRecords', includeBody: false });
		expect(item).toMatchObject({ event: 'replied', message_id: 'c4f1a0b2', reply_time: '2030-01-16T09:00:00Z', reply: { id: 'd9e8', sent: false }, email: { id: 'c4f1a0b2' } });
	});
});
