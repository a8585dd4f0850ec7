import type { IDataObject } from 'n8n-workflow';

import { useEmulator, type Emulator } from '../harness/emulator';
import { addAt, brief, clock, crm, H, harness, iso, KAYLEIGH, MACLEAD, ok, params } from './refactorTrigger';

/**
 * Attacks on the chosen-records read the refactors touched (one list of the emails read, the ones at or
 * above the floor derived from it): each new email and open once when a record is read later, the
 * fewest calls while tracked emails sit deep in the list, late arrivals.
 */
const emu = useEmulator();

describe('new emails on chosen records: each once when a record must be read later', () => {
	it('a record Zoho asks to come back to (CANNOT_PROCESS) is emitted on the next poll, its open too, never twice', async () => {
		const e = emu();
		const t0 = clock(e);
		const p = params([MACLEAD, KAYLEIGH], { engagementEvents: ['opened'] });
		let h = harness(e, p, 'n8n2');
		expect(await ok(h)).toEqual([]);
		const a = addAt(e, MACLEAD, t0 + 5_000, { sent: true });
		const b = addAt(e, KAYLEIGH, t0 + 6_000, { sent: true });
		e.setClock(t0 + 10_000);
		expect(brief(await ok(h))).toEqual([['email', a], ['email', b]]);
		crm(e).openEmail('Contacts', KAYLEIGH, b);
		const b2 = addAt(e, KAYLEIGH, t0 + 12_000, { sent: false });
		const a2 = addAt(e, MACLEAD, t0 + 13_000, { sent: false });
		e.setClock(t0 + 20_000);
		e.addFault({ method: 'GET', path: `/crm/v8/Contacts/${KAYLEIGH}/Emails`, status: 400, body: { code: 'CANNOT_PROCESS', details: {}, message: 'sync in progress', status: 'error' }, times: 1 });
		expect(brief(await ok(h))).toEqual([['email', a2]]);
		h = harness(e, p, 'n8n2', h.saved);
		expect(brief(await ok(h)).sort()).toEqual([['email', b2], ['opened', b]].sort());
		expect([...(await ok(h)), ...(await ok(h))]).toEqual([]);
	});

	it('an idle poll of two records with Opened on and the tracked emails on the first page: one call per record', async () => {
		const e = emu();
		const t0 = clock(e);
		const h = harness(e, params([MACLEAD, KAYLEIGH], { engagementEvents: ['opened', 'bounced', 'replied', 'noReply'] }), 'n8n2');
		await ok(h);
		addAt(e, MACLEAD, t0 + 5_000, { sent: true });
		addAt(e, KAYLEIGH, t0 + 6_000, { sent: true });
		e.setClock(t0 + 10_000);
		expect(await ok(h)).toHaveLength(2);
		e.clearRequests();
		expect(await ok(h)).toEqual([]);
		expect((e.requests({ product: 'crm' }) as IDataObject[]).map((r) => r.path).sort()).toEqual([`/crm/v8/Contacts/${MACLEAD}/Emails`, `/crm/v8/Contacts/${KAYLEIGH}/Emails`].sort());
	});
});

describe('tracked emails deeper in the list', () => {
	const listReads = (e: Emulator) => (e.requests({ product: 'crm' }) as IDataObject[]).filter((r) => String(r.path).endsWith('/Emails')).length;

	it('25 emails after a tracked one: 3 calls an idle poll while tracked, its open still seen, then 1 call', async () => {
		const e = emu();
		const t0 = clock(e);
		const h = harness(e, params([KAYLEIGH], { engagementEvents: ['opened'], trackingWindowHours: 1 }), 'n8n2');
		await ok(h);
		const x = addAt(e, KAYLEIGH, t0 + 1_000, { sent: true });
		crm(e).addEmails('Contacts', KAYLEIGH, Array.from({ length: 25 }, (_, n) => ({ subject: `r${n}`, sent: false, time: iso(t0 + 2_000 + n * 1000) })));
		e.setClock(t0 + 60_000);
		expect(await ok(h)).toHaveLength(26);
		e.clearRequests();
		expect(await ok(h)).toEqual([]);
		expect(listReads(e)).toBe(3);
		crm(e).openEmail('Contacts', KAYLEIGH, x);
		e.setClock(t0 + 2 * H);
		e.clearRequests();
		expect(brief(await ok(h))).toEqual([['opened', x]]);
		expect(listReads(e)).toBe(3);
		e.clearRequests();
		expect(await ok(h)).toEqual([]);
		expect(listReads(e)).toBe(1);
	});

	it('a sent email synced late into the Late Arrival Window: emitted once, and its open too', async () => {
		const e = emu();
		const t0 = clock(e);
		const h = harness(e, params([KAYLEIGH], { engagementEvents: ['opened'], options: { lateWindowMinutes: 10 } }), 'n8n2');
		await ok(h);
		const x = addAt(e, KAYLEIGH, t0 + 60_000, { sent: true });
		e.setClock(t0 + 90_000);
		expect(brief(await ok(h))).toEqual([['email', x]]);
		const store = e.data.store as { crm: { emails: Record<string, IDataObject[]> } };
		const late = addAt(e, KAYLEIGH, t0 + 95_000, { sent: true });
		// Zoho dates it 40 s before x: a mailbox sync that lagged.
		const entry = store.crm.emails[`Contacts/${KAYLEIGH}`].find((m) => m.message_id === late) as IDataObject;
		entry._ts = t0 + 20_000;
		e.setClock(t0 + 120_000);
		expect(brief(await ok(h))).toEqual([['email', late]]);
		crm(e).openEmail('Contacts', KAYLEIGH, late);
		expect(brief([...(await ok(h)), ...(await ok(h))])).toEqual([['opened', late]]);
	});
});
