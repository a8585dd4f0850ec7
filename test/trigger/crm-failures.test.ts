import { addEmailAt, crmRecordsParameters, harness, MACLEAD, messageIds, requestLines, SAGE, second, type Emulator } from './helpers';
import { useZoho } from './modelSupport';
import { MAX_RATE_LIMIT_RETRIES } from '../../nodes/ZohoEmail/transport/policy';

const EMAILS = (id: string) => `/crm/v8/Contacts/${id}/Emails`;
const CANNOT_PROCESS = { code: 'CANNOT_PROCESS', details: { reason: 'IMAP sync in progress' }, message: 'cannot process', status: 'error' };

describe('Zoho Email Trigger: failures', () => {
	let emu: Emulator;
	let base: number;
	const zoho = useZoho({ perTest: {} });
	beforeAll(() => (emu = zoho.emu));
	beforeEach(() => {
		base = second(Date.now()) + 60_000;
	});

	it.each(['n8n2', 'n8n1'] as const)('a failure on the second page: nothing of that record now, all of it next poll, once (%s)', async (host) => {
		const h = harness(emu, crmRecordsParameters([MACLEAD, SAGE]), host);
		await h.poll();
		const macleads = Array.from({ length: 15 }, (_, i) => addEmailAt(emu, MACLEAD, base + i * 1000));
		const sage = addEmailAt(emu, SAGE, base + 500);
		emu.addFault({ method: 'GET', path: EMAILS(MACLEAD), query: { index: true }, status: 400, body: CANNOT_PROCESS, times: 1 });
		emu.clearRequests();
		const first = await h.poll();
		expect(first.error).toBeUndefined();
		expect(messageIds(first.items)).toEqual([sage]);
		// The records are read concurrently: each record's own calls keep their order.
		const lines = requestLines(emu);
		expect(lines).toHaveLength(3);
		const macleadLines = lines.filter((line) => line.startsWith(`GET ${EMAILS(MACLEAD)}`));
		expect(macleadLines[0]).toBe(`GET ${EMAILS(MACLEAD)}`);
		expect(macleadLines[1]).toMatch(new RegExp(`^GET ${EMAILS(MACLEAD)}\\?index=[0-9a-f]+$`));
		expect(lines.filter((line) => line.startsWith(`GET ${EMAILS(SAGE)}`))).toEqual([`GET ${EMAILS(SAGE)}`]);
		const retry = await h.poll();
		expect(messageIds(retry.items)).toEqual(macleads);
		expect((await h.poll()).items).toEqual([]);
	});

	it('429 after the transport\'s retries: logged, retried next poll, not a failed execution', async () => {
		const h = harness(emu, crmRecordsParameters([MACLEAD]));
		await h.poll();
		const id = addEmailAt(emu, MACLEAD, base);
		emu.addFault({
			method: 'GET',
			path: EMAILS(MACLEAD),
			status: 429,
			headers: { 'Retry-After': '0' },
			body: { code: 'TOO_MANY_REQUESTS', details: {}, message: 'limit', status: 'error' },
			times: 1 + MAX_RATE_LIMIT_RETRIES,
		});
		emu.clearRequests();
		const limited = await h.poll();
		expect(limited.error).toBeUndefined();
		expect(limited.items).toEqual([]);
		expect(requestLines(emu)).toHaveLength(1 + MAX_RATE_LIMIT_RETRIES);
		expect(messageIds((await h.poll()).items)).toEqual([id]);
	});

	it('an authentication failure is a real error and keeps every cursor', async () => {
		const h = harness(emu, crmRecordsParameters([MACLEAD, SAGE]));
		await h.poll();
		const a = addEmailAt(emu, MACLEAD, base);
		const saved = JSON.stringify(h.saved);
		emu.addFault({ method: 'GET', path: EMAILS(SAGE), status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'invalid oauth scope to access this URL', status: 'error' }, times: 0 });
		const out = await h.poll();
		emu.clearFaults();
		expect(out.error?.message).toBe('Zoho CRM could not list the emails of the record: the credential lacks the Zoho permission (OAuth scope) for this request');
		expect(out.items).toEqual([]);
		expect(JSON.stringify(h.saved)).toBe(saved);
		expect(messageIds((await h.poll()).items)).toEqual([a]);
	});

	it('a watched record that does not exist: the error names it, its description one fact per line in the editor', async () => {
		const unknown = '5725767000009999999';
		const out = await harness(emu, crmRecordsParameters([unknown])).poll();
		expect(out.error?.message).toBe(`Zoho CRM could not list the emails of the record: Zoho rejected a value (field "Record": ${unknown})`);
		expect((out.error as { description?: string } | undefined)?.description).toBe(
			[
				'Zoho code: INVALID_DATA',
				'Zoho message: the id given seems to be invalid',
				`Field: Record = ${unknown}`,
				'Details: {"resource_path_index":1}',
				'HTTP status: 400',
				'Zoho found no Contacts record with this ID (it may have been deleted, or belong to another module): pick the record from the list, or check the ID and the module.',
			].join('<br>'),
		);
	});
});
