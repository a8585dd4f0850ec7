import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { runZohoNode } from '../../harness/engine';
import { usCredential } from '../../harness/fixtures';
import { crmParameters, crmRequests, emulatorCredential, rl, SEED, useEmulator } from './emulator';

const emulator = useEmulator();

const KRIS = 'kris.marrier@kingchristopher.example';
const UNBLOCK = (module: string, id: string) => `/crm/v8/${module}/${id}/actions/unblock_email`;
const FROM = 'Patricia Boyle <patricia.boyle@zylker.com>';

function run(rest: INodeParameters = {}, continueOnFail = false) {
	return runZohoNode({ parameters: crmParameters('unblock', 'Leads', SEED.kris, rest), credential: emulatorCredential(emulator()), continueOnFail });
}

const sendTo = (to: string) =>
	runZohoNode({
		parameters: crmParameters('send', 'Leads', SEED.kris, { from: rl('address', FROM), to, subject: 'Hello', content: 'Hi' }),
		credential: emulatorCredential(emulator()),
	});

describe('CRM email: Unblock Email Address', () => {
	it('unblocks the record\'s Email field with the documented body; Zoho mails the address again', async () => {
		expect(emulator().data.crm.isBlocked(KRIS)).toBe(true);
		const result = await run();
		expect(result.error).toBeUndefined();
		expect(crmRequests(emulator())).toEqual([{ method: 'POST', path: UNBLOCK('Leads', SEED.kris), query: {}, body: { unblock_fields: ['Email'] } }]);
		expect(result.items).toEqual([
			{
				json: { status: 'success', code: 'SUCCESS', message: 'Email unblocked successfully', unblocked_fields: ['Email'], module: 'Leads', record_id: SEED.kris },
				pairedItem: { item: 0 },
			},
		]);
		expect(emulator().data.crm.isBlocked(KRIS)).toBe(false);
		const sent = await sendTo(KRIS);
		expect(sent.items[0].json).not.toHaveProperty('blocked_email_addresses');
	});

	it('sends both fields when asked, and finds the record by its address first', async () => {
		const result = await runZohoNode({
			parameters: crmParameters('unblock', 'Contacts', SEED.maclead, { recordId: rl('email', 'christopher.maclead@rangoni.example'), unblockFields: ['Email', 'Secondary_Email'] }),
			credential: emulatorCredential(emulator()),
		});
		expect(result.error).toBeUndefined();
		expect(crmRequests(emulator())).toEqual([
			{ method: 'GET', path: '/crm/v8/Contacts/search', query: { email: 'christopher.maclead@rangoni.example' }, body: null },
			{ method: 'POST', path: UNBLOCK('Contacts', SEED.maclead), query: {}, body: { unblock_fields: ['Email', 'Secondary_Email'] } },
		]);
	});

	it('reads the newer OAS\'s bare answer as well as the data[] one', async () => {
		nock('https://www.zohoapis.com')
			.post(UNBLOCK('Leads', SEED.kris), { unblock_fields: ['Email'] })
			.reply(200, { code: 'SUCCESS', details: { id: SEED.kris }, message: 'Email unblocked successfully', status: 'success' });
		const result = await runZohoNode({ parameters: crmParameters('unblock', 'Leads', SEED.kris), credential: usCredential() });
		expect(result.items[0].json).toEqual({ status: 'success', code: 'SUCCESS', message: 'Email unblocked successfully', unblocked_fields: ['Email'], module: 'Leads', record_id: SEED.kris });
		expect(nock.isDone()).toBe(true);
	});

	it('passes on Zoho\'s refusal for a hard bounce', async () => {
		emulator().data.crm.blockEmail(KRIS, { permanent: true });
		const result = await run();
		expect(result.error?.message).toBe('Zoho CRM could not unblock the email address: Zoho does not allow this email (field "Email")');
		expect(emulator().data.crm.isBlocked(KRIS)).toBe(true);
	});

	it.each([
		[{ unblockFields: '={{ ["Mobile"] }}' }, '"Fields to Unblock"'],
		[{ unblockFields: '={{ [] }}' }, '"Fields to Unblock" is empty'],
		[{ module: rl('name', 'Tasks') }, 'This operation does not support the module "Tasks"'],
		[{ recordId: rl('email', '={{ "no-address" }}') }, '"Record" is not an email address: "no-address"'],
	])('refuses bad parameters before any request (%j)', async (rest, message) => {
		const result = await run(rest);
		expect(result.error?.message).toContain(message);
		expect(crmRequests(emulator())).toEqual([]);
	});
});

describe('CRM email: Send to a blocked address', () => {
	it('returns the skipped addresses and the hint pointing to Unblock Email Address', async () => {
		const result = await sendTo(`${KRIS}, ana@example.com`);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			status: 'success',
			blocked_email_addresses: [{ email: KRIS, reason: 'Retries Exhausted. Host not reachable.' }],
			unblock_hint:
				'Zoho did not send to 1 blocked address (bounced before). Once the cause is fixed, CRM Email → Unblock Email Address on the record that holds the address lifts a soft-bounce block (at most 5 times; hard bounces stay blocked).',
		});
		const mail = emulator().mails().find((m) => m.product === 'crm') as { payload: { to: unknown[] } };
		expect(mail.payload.to).toEqual([{ user_name: 'ana@example.com', email: 'ana@example.com' }]);
	});

	it('fails with the unblock advice when every recipient is blocked', async () => {
		const result = await sendTo(KRIS);
		expect(result.error?.message).toBe('Zoho CRM could not send the email: Zoho does not allow this email');
		expect(result.error?.description).toContain('CRM Email → Unblock Email Address lifts a soft-bounce block');
		expect(result.error?.description).toContain(KRIS);
	});
});
