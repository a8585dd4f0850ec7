import type { INodeParameters } from 'n8n-workflow';

import booksViewed from '../../examples/trigger-books-viewed.json';
import crmEngagement from '../../examples/trigger-crm-engagement.json';
import { BOOKS_ORG, harness, MACLEAD, SAGE } from './helpers';
import { useZoho } from './modelSupport';

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
	const zoho = useZoho({ perTest: { clockFromNow: -5 * 86_400_000 } });
	const { tick } = zoho;

	it('CRM: each email opened, bounced, replied to, or left without a reply for 48 hours gives its one item', async () => {
		const crm = zoho.emu.data.crm as unknown as Engagement;
		const h = harness(zoho.emu, crmEngagement.nodes[0].parameters as unknown as INodeParameters);
		expect((await h.poll()).items).toEqual([]);
		tick(60_000);
		const [opened, bounced, replied] = ['Opened', 'Bounced', 'Replied'].map((subject) => zoho.send(MACLEAD, { subject }));
		const silent = zoho.send(SAGE, { subject: 'Silent' });
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
		const books = zoho.emu.data.books as unknown as BooksViews;
		const invoice = String(books.addDocument(BOOKS_ORG, 'invoices', { status: 'sent', emailed: true }).invoice_id);
		const estimate = String(books.addDocument(BOOKS_ORG, 'estimates', { status: 'sent', emailed: true }).estimate_id);
		tick(5000);
		const h = harness(zoho.emu, booksViewed.nodes[0].parameters as unknown as INodeParameters);
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
