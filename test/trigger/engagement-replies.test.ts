import type { IDataObject } from 'n8n-workflow';

import { crmRecordsParameters, harness, MACLEAD, requestLines, SAGE } from './helpers';
import { useZoho } from './modelSupport';

const EMAILS = (id: string) => `/crm/v8/Contacts/${id}/Emails`;
const HOUR = 3_600_000;

describe('Zoho Email Trigger: reply received and no reply within (chosen records)', () => {
	const zoho = useZoho({ perTest: { clockFromNow: -86_400_000 } });
	const { tick, send } = zoho;
	const parameters = crmRecordsParameters([MACLEAD, SAGE], { engagementEvents: ['replied', 'noReply'], trackingWindowHours: 24, noReplyHours: 2 });

	it('a reply in the thread emits Reply Received once, reading the two threads once each; an email left unanswered gets one No Reply Within at its deadline', async () => {
		const h = harness(zoho.emu, parameters);
		await h.poll();
		tick(10_000);
		const sentAt = zoho.clock;
		const quote = send(MACLEAD);
		const ignored = send(SAGE);
		tick(1000);
		await h.poll();
		tick(60_000);
		const unrelated = send(MACLEAD, { sent: false, subject: 'Unrelated' });
		tick(1000);
		const answer = await zoho.admin('crm/replies', { module: 'Contacts', recordId: MACLEAD, messageId: quote, intent: 'purchase' });
		expect(answer.status).toBe(201);
		const reply = (answer.data as { message_id: string }).message_id;
		tick(1000);
		zoho.emu.clearRequests();
		const out = await h.poll();
		const events = out.items.filter((i) => i.json.event);
		expect(events.map((i) => [i.json.event, i.json.messageId, (i.json.reply as IDataObject).message_id, (i.json.reply as IDataObject).intent])).toEqual([['replied', quote, reply, 'purchase']]);
		expect(events[0].json.replyTime).toBe((events[0].json.reply as IDataObject).time);
		// The list has no thread_id (seed 004): the two received emails and the sent one are read once each
		// (the records are read side by side: SAGE's list may come anywhere).
		expect(requestLines(zoho.emu).filter((l) => l.includes(MACLEAD))).toEqual([`GET ${EMAILS(MACLEAD)}`, `GET ${EMAILS(MACLEAD)}/${quote}`, `GET ${EMAILS(MACLEAD)}/${unrelated}`, `GET ${EMAILS(MACLEAD)}/${reply}`]);
		expect(requestLines(zoho.emu).sort()).toEqual([`GET ${EMAILS(MACLEAD)}`, `GET ${EMAILS(MACLEAD)}/${unrelated}`, `GET ${EMAILS(MACLEAD)}/${quote}`, `GET ${EMAILS(MACLEAD)}/${reply}`, `GET ${EMAILS(SAGE)}`].sort());
		tick(2 * HOUR);
		zoho.emu.clearRequests();
		const late = await h.poll();
		expect(late.items.map((i) => [i.json.event, i.json.messageId, i.json.deadline])).toEqual([['noReply', ignored, new Date(sentAt + 2 * HOUR).toISOString()]]);
		expect(requestLines(zoho.emu)).toEqual([`GET ${EMAILS(MACLEAD)}`, `GET ${EMAILS(SAGE)}`]);
		tick(1000);
		expect((await h.poll()).items).toEqual([]);
	});

	it('out of time, the received emails left to check wait in the state: every poll reads one thread more, the reply comes out once, the new emails at once', async () => {
		// A budget of 0: past the poll's time from the start, so each record reads one thread per poll.
		const h = harness(zoho.emu, { ...parameters, records: { record: [{ recordId: { __rl: true, mode: 'id', value: MACLEAD } }] } }, 'n8n2', 0);
		await h.poll();
		tick(10_000);
		const quote = send(MACLEAD);
		tick(1000);
		await h.poll();
		tick(1000);
		const received = [0, 1].map(() => send(MACLEAD, { sent: false, subject: 'Other' }));
		tick(1000);
		const reply = (zoho.emu.data.crm as unknown as { replyToEmail: (m: string, r: string, id: string) => { message_id: string } }).replyToEmail('Contacts', MACLEAD, quote).message_id;
		tick(1000);
		const first = await h.poll();
		// The new emails are not held back by the threads still to read.
		expect(first.items.map((i) => i.json.message_id).sort()).toEqual([...received, reply].sort());
		const state = () => (h.saved['node:Zoho Email Trigger'] as { zohoEmailTrigger: { crm: { t: Record<string, { p?: string[] }> } } }).zohoEmailTrigger.crm.t[MACLEAD];
		expect(state().p).toHaveLength(3);
		const events: string[] = [];
		let polls = 0;
		while (polls < 6 && !events.length) {
			tick(1000);
			polls++;
			events.push(...(await h.poll()).items.map((i) => `${String(i.json.event)}:${String(i.json.messageId)}`));
		}
		expect(events).toEqual([`replied:${quote}`]);
		// Three received emails, one thread each (the sent one's was read in the first poll): three more polls.
		expect(polls).toBe(3);
		expect(state().p).toBeUndefined();
		tick(1000);
		expect((await h.poll()).items).toEqual([]);
	});

	it('refuses a No Reply Within longer than the Tracking Window, before any request', async () => {
		const out = await harness(zoho.emu, { ...parameters, noReplyHours: 48 }).poll();
		expect(out.error?.message).toBe('"No Reply Within (Hours)" must be above 0 and at most 24: 48');
		expect(requestLines(zoho.emu)).toEqual([]);
	});
});
