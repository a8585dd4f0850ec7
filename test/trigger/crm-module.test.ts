import { addEmailAt, harness, KAYLEIGH, messageIds, requestLines, SAGE, second, type Emulator } from './helpers';
import { useZoho } from './modelSupport';

const LIST = '/crm/v8/Contacts?fields=Modified_Time%2CLast_Activity_Time&sort_by=Modified_Time&sort_order=desc&page=1&per_page=200';
const parameters = { source: 'crmModule', module: { __rl: true, mode: 'list', value: 'Contacts' } };

describe('Zoho Email Trigger: CRM whole module', () => {
	let emu: Emulator;
	let base: number;
	const zoho = useZoho({ perTest: {} });
	beforeAll(() => (emu = zoho.emu));
	beforeEach(() => {
		base = second(Date.now()) + 60_000;
	});

	/** An email on a record, and the record's Modified_Time moved to now (as Zoho is assumed to do). */
	function emailOn(recordId: string, timeMs: number): string {
		const id = addEmailAt(emu, recordId, timeMs);
		emu.data.crm.record('Contacts', recordId).Modified_Time = new Date(second(Date.now())).toISOString();
		return id;
	}

	it('an idle poll costs one listing call; changed records are read, oldest change first', async () => {
		const h = harness(emu, parameters);
		expect((await h.poll()).items).toEqual([]);
		expect(requestLines(emu)).toEqual([`GET ${LIST}`]);
		emu.clearRequests();
		expect((await h.poll()).items).toEqual([]);
		expect(requestLines(emu)).toEqual([`GET ${LIST}`]);

		const a = emailOn(SAGE, base);
		const b = emailOn(KAYLEIGH, base + 1000);
		emu.clearRequests();
		const out = await h.poll();
		expect(messageIds(out.items)).toEqual([a, b]);
		expect(out.items[1].json.record).toEqual({ module: 'Contacts', id: KAYLEIGH });
		expect(requestLines(emu).sort()).toEqual([`GET ${LIST}`, `GET /crm/v8/Contacts/${KAYLEIGH}/Emails`, `GET /crm/v8/Contacts/${SAGE}/Emails`].sort());
		// Records changed within the overlap window are read again, and emit nothing twice.
		expect((await h.poll()).items).toEqual([]);
	});

	it('a record that fails is read again next poll; the scan resumes from its change', async () => {
		const h = harness(emu, parameters);
		await h.poll();
		const a = emailOn(SAGE, base);
		emu.addFault({ method: 'GET', path: `/crm/v8/Contacts/${SAGE}/Emails`, status: 400, body: { code: 'CANNOT_PROCESS', details: {}, message: 'sync', status: 'error' }, times: 1 });
		const failed = await h.poll();
		expect(failed.error).toBeUndefined();
		expect(failed.items).toEqual([]);
		expect(messageIds((await h.poll()).items)).toEqual([a]);
		expect((await h.poll()).items).toEqual([]);
	});

	it('"Fetch test event" returns the newest email of the most recently changed record with emails', async () => {
		const h = harness(emu, parameters);
		const a = emailOn(SAGE, base);
		const manual = await h.poll('manual');
		expect(messageIds(manual.items)).toEqual([a]);
		expect(h.saved).toEqual({});
		expect(requestLines(emu)).toEqual([
			'GET /crm/v8/Contacts?fields=Modified_Time&sort_by=Modified_Time&sort_order=desc&page=1&per_page=10',
			`GET /crm/v8/Contacts/${SAGE}/Emails`,
		]);
	});
});
