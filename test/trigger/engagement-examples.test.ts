import type { INodeParameters } from 'n8n-workflow';

import booksViewed from '../../examples/trigger-books-viewed.json';
import crmEngagement from '../../examples/trigger-crm-engagement.json';
import { BOOKS_ORG, harness, MACLEAD, SAGE, second, startZoho, type Emulator } from './helpers';

interface Engagement {
	openEmail: (module: string, recordId: string, messageId: string, times?: number) => unknown;
	bounceEmail: (module: string, recordId: string, messageId: string) => unknown;
	replyToEmail: (module: string, recordId: string, messageId: string) => { message_id: string };
}
interface BooksViews {
	addDocument: (orgId: string, entity: string, fields?: Record<string, unknown>) => Record<string, unknown>;
	viewDocument: (orgId: string, entity: string, id: string) => unknown;
}

describe('Zoho Email Trigger: the engagement example workflows', () => {
	let emu: Emulator;
	let clock: number;
	beforeAll(async () => {
		emu = await startZoho();
	});
	afterAll(async () => await emu.stop());
	beforeEach(() => {
		emu.reset();
		clock = second(Date.now()) - 5 * 86_400_000;
		emu.setClock(clock);
	});
	const tick = (ms: number) => {
		clock += ms;
		emu.setClock(clock);
	};

	it('CRM: each email opened, bounced, replied to, or left without a reply for 48 hours gives its one item', async () => {
		const crm = emu.data.crm as unknown as Engagement;
		const h = harness(emu, crmEngagement.nodes[0].parameters as unknown as INodeParameters);
		expect((await h.poll()).items).toEqual([]);
		tick(60_000);
		const [opened, bounced, replied] = ['Opened', 'Bounced', 'Replied'].map((subject) => String(emu.data.crm.addEmails('Contacts', MACLEAD, [{ time: new Date(clock).toISOString(), subject }])[0].message_id));
		const silent = String(emu.data.crm.addEmails('Contacts', SAGE, [{ time: new Date(clock).toISOString(), subject: 'Silent' }])[0].message_id);
		tick(1000);
		expect((await h.poll()).items).toHaveLength(4);
		tick(60_000);
		crm.openEmail('Contacts', MACLEAD, opened, 2);
		crm.bounceEmail('Contacts', MACLEAD, bounced);
		crm.replyToEmail('Contacts', MACLEAD, replied);
		tick(1000);
		const events = (await h.poll()).items.filter((i) => i.json.event).map((i) => [i.json.event, i.json.messageId]);
		expect(events.sort()).toEqual([['bounced', bounced], ['opened', opened], ['replied', replied]].sort());
		tick(48 * 3_600_000);
		const late = await h.poll();
		expect(late.items.map((i) => [i.json.event, i.json.messageId]).sort()).toEqual([['noReply', bounced], ['noReply', opened], ['noReply', silent]].sort());
		tick(1000);
		expect((await h.poll()).items).toEqual([]);
	});

	it('Books: an invoice and an estimate viewed after activation give one item each', async () => {
		const books = emu.data.books as unknown as BooksViews;
		const invoice = String(books.addDocument(BOOKS_ORG, 'invoices', { status: 'sent', emailed: true }).invoice_id);
		const estimate = String(books.addDocument(BOOKS_ORG, 'estimates', { status: 'sent', emailed: true }).estimate_id);
		tick(5000);
		const h = harness(emu, booksViewed.nodes[0].parameters as unknown as INodeParameters);
		expect((await h.poll()).items).toEqual([]);
		tick(5000);
		books.viewDocument(BOOKS_ORG, 'invoices', invoice);
		books.viewDocument(BOOKS_ORG, 'estimates', estimate);
		tick(1000);
		const out = await h.poll();
		expect(out.items.map((i) => [i.json.event, i.json.documentType, i.json.documentId]).sort()).toEqual([
			['viewed', 'estimate', estimate],
			['viewed', 'invoice', invoice],
		]);
		tick(1000);
		expect((await h.poll()).items).toEqual([]);
	});
});
