import { loadOptions, runZohoNode } from '../../harness/engine';
import { crmParameters, crmRequests, emulatorCredential, rl, SEED, useEmulator } from './emulator';

const emulator = useEmulator();

type Results = { results: Array<{ name: string; value: string }>; paginationToken?: string };
const pick = (parameters: Record<string, unknown>, filter?: string) =>
	loadOptions('listSearch', 'searchCrmRecordEmails', parameters as never, emulatorCredential(emulator()), filter) as Promise<Results>;

/**
 * CRM Email → Get's Message ID picker (node version 1.1): the record's emails by subject and date, a
 * page of Zoho's Emails list at a time. Version 1 keeps Message ID as text.
 */
describe('CRM Get: the Message ID picker', () => {
	it('lists the record\'s emails by subject and date, 10 a page, with the next page\'s cursor', async () => {
		const first = await pick({ module: rl('list', 'Contacts'), recordId: rl('list', SEED.maclead) });
		expect(crmRequests(emulator())).toEqual([{ method: 'GET', path: `/crm/v8/Contacts/${SEED.maclead}/Emails`, query: {}, body: null }]);
		expect(first.results).toHaveLength(10);
		for (const r of first.results) expect(r.name).toMatch(/ — \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		expect(typeof first.paginationToken).toBe('string');
		const second = await pick({ module: rl('list', 'Contacts'), recordId: rl('url', `https://crm.zoho.com/crm/org1/tab/Contacts/${SEED.maclead}`) }, undefined);
		expect(second.results.map((r) => r.value)).toEqual(first.results.map((r) => r.value));
	});

	it('keeps the emails whose subject contains what is typed', async () => {
		const all = await pick({ module: rl('list', 'Contacts'), recordId: rl('id', SEED.maclead) });
		const word = all.results[0].name.split(' ')[0];
		const some = await pick({ module: rl('list', 'Contacts'), recordId: rl('id', SEED.maclead) }, word);
		expect(some.results.length).toBeGreaterThan(0);
		expect(some.results.every((r) => r.name.toLowerCase().includes(word.toLowerCase()))).toBe(true);
	});

	it('asks Zoho nothing while no record is picked', async () => {
		expect(await pick({ module: rl('list', 'Contacts'), recordId: rl('list', '') })).toEqual({ results: [] });
		expect(crmRequests(emulator())).toEqual([]);
	});

	it('Get reads a picked message (version 1.1) and a message ID saved as text (version 1) alike', async () => {
		const [email] = (await pick({ module: rl('list', 'Contacts'), recordId: rl('id', SEED.maclead) })).results;
		const credential = emulatorCredential(emulator());
		const picked = await runZohoNode({ parameters: crmParameters('get', 'Contacts', SEED.maclead, { messageId: rl('list', email.value) }), credential, typeVersion: 1.1 });
		const typed = await runZohoNode({ parameters: crmParameters('get', 'Contacts', SEED.maclead, { messageId: email.value }), credential });
		expect(picked.error).toBeUndefined();
		expect(typed.error).toBeUndefined();
		expect(picked.items[0].json.id).toBe(email.value);
		expect(typed.items[0].json).toEqual(picked.items[0].json);
	});
});
