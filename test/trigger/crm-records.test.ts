import type { INodeParameters } from 'n8n-workflow';

import example from '../../examples/trigger-crm-records.json';
import {
	addEmailAt,
	crmRecordsParameters,
	harness,
	KAYLEIGH,
	MACLEAD,
	messageIds,
	requestLines,
	SAGE,
	second,
	type Emulator,
} from './helpers';
import { useZoho } from './modelSupport';

const EMAILS = (id: string) => `/crm/v8/Contacts/${id}/Emails`;

describe('Zoho Email Trigger: CRM chosen records', () => {
	let emu: Emulator;
	let base: number;
	const zoho = useZoho({ perTest: {} });
	beforeAll(() => (emu = zoho.emu));
	beforeEach(() => {
		base = second(Date.now()) + 60_000;
	});

	it('first poll starts from Zoho\'s clock: emits nothing, one call per record, stores a floor per record', async () => {
		const h = harness(emu, crmRecordsParameters([MACLEAD, SAGE]));
		const first = await h.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([]);
		expect(requestLines(emu)).toEqual([`GET ${EMAILS(MACLEAD)}`, `GET ${EMAILS(SAGE)}`]);
		const state = first.staticData.zohoEmailTrigger as { k: string; crm: { r: Record<string, { f: number; s: object }> } };
		expect(state.k).toBe('crmRecords:Contacts:');
		expect(Object.keys(state.crm.r)).toEqual([MACLEAD, SAGE]);
		const floor = state.crm.r[MACLEAD].f;
		expect(Math.abs(floor - Date.now())).toBeLessThan(5_000);
		expect(floor % 1000).toBe(0); // from the Date header, which has whole seconds
		expect(state.crm.r[MACLEAD].s).toEqual({});
	});

	it('emits each new email once, oldest first, with its record; an idle poll costs one call per record', async () => {
		const h = harness(emu, crmRecordsParameters([MACLEAD, SAGE]));
		await h.poll();
		const a = addEmailAt(emu, MACLEAD, base + 2000, { sent: false, category: 'user' });
		const b = addEmailAt(emu, SAGE, base + 1000);
		emu.clearRequests();
		const second1 = await h.poll();
		expect(messageIds(second1.items)).toEqual([b, a]);
		expect(second1.items[1].json.record).toEqual({ module: 'Contacts', id: MACLEAD });
		expect(second1.items[1].json.sent).toBe(false);
		expect(second1.items[0].json.subject).toBe(`Email at ${base + 1000}`);
		expect(requestLines(emu)).toEqual([`GET ${EMAILS(MACLEAD)}`, `GET ${EMAILS(SAGE)}`]);

		emu.clearRequests();
		const idle = await h.poll();
		expect(idle.items).toEqual([]);
		expect(requestLines(emu)).toEqual([`GET ${EMAILS(MACLEAD)}`, `GET ${EMAILS(SAGE)}`]);
	});

	it('pages through many new emails, stops at the first page that reaches older ones', async () => {
		const h = harness(emu, crmRecordsParameters([MACLEAD]));
		await h.poll();
		const ids = Array.from({ length: 25 }, (_, i) => addEmailAt(emu, MACLEAD, base + i * 1000));
		emu.setClock(base + 30_000);
		emu.clearRequests();
		const out = await h.poll();
		expect(messageIds(out.items)).toEqual(ids);
		// 25 new + 37 seeded older emails: pages 1–3 (the third holds the old ones), never page 4.
		const lines = requestLines(emu);
		expect(lines).toHaveLength(3);
		expect(lines[0]).toBe(`GET ${EMAILS(MACLEAD)}`);
		expect(lines[1]).toMatch(new RegExp(`^GET ${EMAILS(MACLEAD)}\\?index=[0-9a-f]+$`));
		expect(lines[2]).toMatch(new RegExp(`^GET ${EMAILS(MACLEAD)}\\?index=[0-9a-f]+$`));
		emu.clearRequests();
		expect((await h.poll()).items).toEqual([]);
		expect(requestLines(emu)).toEqual([`GET ${EMAILS(MACLEAD)}`]);
	});

	it('emails arriving at the same second as the watermark are emitted, the ones already emitted are not', async () => {
		const h = harness(emu, crmRecordsParameters([MACLEAD]));
		await h.poll();
		emu.setClock(base);
		const first = addEmailAt(emu, MACLEAD, base);
		expect(messageIds((await h.poll()).items)).toEqual([first]);
		const sameSecond = [addEmailAt(emu, MACLEAD, base, { message_id: 'same-second-1' }), addEmailAt(emu, MACLEAD, base, { message_id: 'same-second-2' })];
		const out = await h.poll();
		expect(messageIds(out.items).sort()).toEqual([...sameSecond].sort());
		expect((await h.poll()).items).toEqual([]);
		const state = out.staticData.zohoEmailTrigger as { crm: { r: Record<string, { f: number; s: Record<string, number> }> } };
		expect(state.crm.r[MACLEAD].f).toBe(base);
		expect(Object.keys(state.crm.r[MACLEAD].s)).toHaveLength(3);
	});

	it('filters by direction and fetches the full email on request', async () => {
		const h = harness(emu, crmRecordsParameters([KAYLEIGH], { direction: 'received', fetchFullEmail: true, emailType: 'user_emails' }));
		await h.poll();
		addEmailAt(emu, KAYLEIGH, base, { sent: true, category: 'user' });
		const received = addEmailAt(emu, KAYLEIGH, base + 1000, { sent: false, category: 'user', content: '<p>Hi there</p>' });
		emu.clearRequests();
		const out = await h.poll();
		expect(messageIds(out.items)).toEqual([received]);
		expect(out.items[0].json.content).toBe('<p>Hi there</p>');
		expect(requestLines(emu)).toEqual([`GET ${EMAILS(KAYLEIGH)}?type=user_emails`, `GET ${EMAILS(KAYLEIGH)}/${received}?type=user_emails`]);
	});

	it('"Fetch test event" returns the newest email and never touches the cursor', async () => {
		const h = harness(emu, crmRecordsParameters([MACLEAD, SAGE]));
		await h.poll();
		const before = JSON.stringify(h.saved);
		const newest = addEmailAt(emu, SAGE, base);
		const manual = await h.poll('manual');
		expect(messageIds(manual.items)).toEqual([newest]);
		expect(manual.items[0].json.record).toEqual({ module: 'Contacts', id: SAGE });
		expect(JSON.stringify(h.saved)).toBe(before);
		// The active trigger still emits it.
		expect(messageIds((await h.poll()).items)).toEqual([newest]);
	});

	it('a backfill window emits emails from before activation', async () => {
		const old = addEmailAt(emu, KAYLEIGH, second(Date.now()) - 30 * 60_000);
		const h = harness(emu, crmRecordsParameters([KAYLEIGH], { options: { backfillMinutes: 60 } }));
		expect(messageIds((await h.poll()).items)).toEqual([old]);
		expect((await h.poll()).items).toEqual([]);
	});

	it('with no time left after the first record, the others carry over to the next polls: nothing lost', async () => {
		const h = harness(emu, crmRecordsParameters([MACLEAD, SAGE, KAYLEIGH]), 'n8n2', 1);
		await h.poll();
		expect(requestLines(emu)).toEqual([`GET ${EMAILS(MACLEAD)}`]);
		const ids = [addEmailAt(emu, SAGE, base), addEmailAt(emu, KAYLEIGH, base + 1000), addEmailAt(emu, MACLEAD, base + 2000)];
		emu.clearRequests();
		const emitted = [];
		for (let n = 0; n < 3; n++) emitted.push(...messageIds((await h.poll()).items));
		expect(requestLines(emu)).toEqual([`GET ${EMAILS(SAGE)}`, `GET ${EMAILS(KAYLEIGH)}`, `GET ${EMAILS(MACLEAD)}`]);
		expect(emitted).toEqual(ids);
	});

	it('the example workflow watches two seed contacts', async () => {
		const h = harness(emu, example.nodes[0].parameters as unknown as INodeParameters);
		await h.poll();
		expect(requestLines(emu)).toEqual([`GET ${EMAILS(MACLEAD)}`, `GET ${EMAILS(SAGE)}`]);
		const id = addEmailAt(emu, SAGE, base);
		expect(messageIds((await h.poll()).items)).toEqual([id]);
	});

	it('takes a record page URL', async () => {
		const url = `https://crm.zoho.com/crm/org123456/tab/Contacts/${SAGE}`;
		const picked = crmRecordsParameters([MACLEAD]);
		(picked.records as { record: INodeParameters[] }).record.push({ recordId: { __rl: true, mode: 'url', value: url } });
		await harness(emu, picked).poll();
		expect(requestLines(emu)).toEqual([`GET ${EMAILS(MACLEAD)}`, `GET ${EMAILS(SAGE)}`]);
	});

	it('rejects record IDs that are not Zoho IDs before any request', async () => {
		const h = harness(emu, crmRecordsParameters(['123', 'abc']));
		const out = await h.poll();
		expect(out.error?.message).toBe('"Records" holds something that is not a Zoho ID: "123"');
		expect(requestLines(emu)).toEqual([]);
	});
});
