import type { IDataObject } from 'n8n-workflow';

import { runZohoNode } from '../../harness/engine';
import { crmParameters, crmRequests, emulatorCredential, rl, SEED, useEmulator } from './emulator';

const emulator = useEmulator();

/**
 * CRM Send with what a new user fills: the record, a subject and the content. From left empty sends
 * from the user's primary address (one read per execution); a new node (version 1.1) sends to the
 * record's own address, shown as "Send To: The Record's Email Address". Version 1 (saved workflows)
 * keeps sending to To.
 */
function run(rest: IDataObject, { typeVersion, items = [{}] }: { typeVersion?: number; items?: IDataObject[] } = {}) {
	const parameters = crmParameters('send', 'Contacts', SEED.maclead, { subject: 'Hello', content: 'Hi', ...rest } as never);
	return runZohoNode({ parameters, items, credential: emulatorCredential(emulator()), typeVersion });
}

const lines = () => crmRequests(emulator()).map((r) => `${r.method} ${r.path}`);
const sentBodies = () => crmRequests(emulator()).filter((r) => r.path.endsWith('/send_mail')).map((r) => (r.body as { data: IDataObject[] }).data[0]);

describe('CRM email: Send in three inputs', () => {
	it('a new node sends to the record\'s own address from the primary sender: Record, Subject, Content', async () => {
		const result = await run({}, { typeVersion: 1.1, items: [{}, {}] });
		expect(result.error).toBeUndefined();
		// Two items in flight: the sender addresses are read once for the execution, each record once per item.
		expect(lines().sort()).toEqual([
			`GET /crm/v8/Contacts/${SEED.maclead}`,
			`GET /crm/v8/Contacts/${SEED.maclead}`,
			'GET /crm/v8/settings/emails/actions/from_addresses',
			`POST /crm/v8/Contacts/${SEED.maclead}/actions/send_mail`,
			`POST /crm/v8/Contacts/${SEED.maclead}/actions/send_mail`,
		]);
		expect(crmRequests(emulator()).find((r) => r.method === 'GET' && r.path.endsWith(SEED.maclead))?.query).toEqual({ fields: 'Email,Full_Name' });
		expect(sentBodies()[0]).toEqual({
			from: { user_name: 'Patricia Boyle', email: 'patricia.boyle@zylker.com' },
			to: [{ user_name: 'Christopher Maclead', email: 'christopher.maclead@rangoni.example' }],
			subject: 'Hello',
			content: 'Hi',
			mail_format: 'html',
		});
		expect(result.items.map((i) => i.json.status)).toEqual(['success', 'success']);
	});

	it('a saved version-1 node keeps To: an empty To is refused, never replaced by the record\'s address', async () => {
		const result = await run({ to: '' }, { typeVersion: 1 });
		expect(result.error?.message).toContain('Parameter "To" is required');
		expect(lines()).toEqual([]);
	});

	it('a To from an expression that returns nothing is refused with Send To "Email Addresses", before any request', async () => {
		const result = await run({ sendTo: 'addresses', to: '={{ $json.missing }}' }, { typeVersion: 1.1 });
		expect(result.error?.message).toBe('"To" is empty');
		expect(lines()).toEqual([]);
	});

	it('a From from an expression that returns nothing is refused, never replaced by the primary sender', async () => {
		const result = await run({ from: rl('address', "={{ '' }}"), sendTo: 'addresses', to: 'ana@example.com' }, { typeVersion: 1.1 });
		expect(result.error?.message).toContain('"From"');
		expect(lines()).toEqual([]);
	});

	it('a From that is picked is sent as picked, with no read of the sender addresses', async () => {
		const result = await run({ from: rl('address', 'Zylker Sales <sales@zylker.com>'), sendTo: 'addresses', to: 'ana@example.com' }, { typeVersion: 1.1 });
		expect(result.error).toBeUndefined();
		expect(lines()).toEqual([`POST /crm/v8/Contacts/${SEED.maclead}/actions/send_mail`]);
		expect(sentBodies()[0].from).toEqual({ user_name: 'Zylker Sales', email: 'sales@zylker.com' });
	});

	it('refuses the record\'s address for a module without one, before any request', async () => {
		const parameters = crmParameters('send', 'Deals', '5725767000000504001', { subject: 'Hello', content: 'Hi' });
		const result = await runZohoNode({ parameters, credential: emulatorCredential(emulator()), typeVersion: 1.1 });
		expect(result.error?.message).toBe('Deals records have no email address of their own');
		expect(lines()).toEqual([]);
	});

	it('refuses a record without an email address, and sends nothing', async () => {
		emulator().data.crm.record('Contacts', SEED.maclead).Email = null;
		const result = await run({}, { typeVersion: 1.1 });
		expect(result.error?.message).toBe(`The Contacts record ${SEED.maclead} has no email address`);
		expect(lines().filter((l) => l.startsWith('POST'))).toEqual([]);
	});
});
