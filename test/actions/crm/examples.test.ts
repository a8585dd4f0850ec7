import associateExample from '../../../examples/crm-associate.json';
import draftsExample from '../../../examples/crm-drafts.json';
import getExample from '../../../examples/crm-get.json';
import listExample from '../../../examples/crm-list.json';
import sendExample from '../../../examples/crm-send.json';
import unblockExample from '../../../examples/crm-unblock.json';
import { crmRequests, runExample, SEED, useEmulator } from './emulator';

const emulator = useEmulator();

describe('CRM example workflows run against the emulator', () => {
	it.each([
		['crm-send.json', sendExample],
		['crm-associate.json', associateExample],
		['crm-list.json', listExample],
		['crm-get.json', getExample],
		['crm-drafts.json', draftsExample],
		['crm-unblock.json', unblockExample],
	])('%s has a fixed id of at most 21 characters, a Manual Trigger and the emulator credential', (_file, example) => {
		expect(example.id.length).toBeLessThanOrEqual(21);
		expect(example.nodes[0]).toMatchObject({ type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 });
		expect(example.nodes[1]).toMatchObject({
			type: 'n8n-nodes-zoho-email.zohoEmail',
			credentials: { zohoEmailOAuth2Api: { id: 'zohoEmulatorCred', name: 'Zoho (emulator)' } },
		});
	});

	it('crm-send.json sends one mail from the contact', async () => {
		const result = await runExample(sendExample, emulator());
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: expect.objectContaining({ status: 'success', record_id: SEED.maclead }), pairedItem: { item: 0 } }]);
		expect(emulator().mails()).toHaveLength(1);
	});

	it('crm-associate.json logs the email and stays idempotent when re-run', async () => {
		const first = await runExample(associateExample, emulator());
		const again = await runExample(associateExample, emulator());
		expect(first.items[0].json).toMatchObject({ status: 'success', duplicate: false });
		expect(again.items[0].json).toMatchObject({ status: 'duplicate', duplicate: true });
		expect(emulator().mails()).toHaveLength(1);
	});

	it('crm-list.json finds the contact by address and returns 15 simplified emails in 2 pages', async () => {
		const result = await runExample(listExample, emulator());
		expect(result.items).toHaveLength(15);
		expect(Object.keys(result.items[0].json)).toEqual(['id', 'subject', 'from', 'to', 'time', 'sent', 'status']);
		expect(crmRequests(emulator()).map((r) => r.path)).toEqual([
			'/crm/v8/Contacts/search',
			`/crm/v8/Contacts/${SEED.maclead}/Emails`,
			`/crm/v8/Contacts/${SEED.maclead}/Emails`,
		]);
	});

	it('crm-get.json returns the email with its PDF attachment as binary data', async () => {
		const result = await runExample(getExample, emulator());
		expect(result.items[0].json.subject).toBe('Proposal attached');
		expect(result.items[0].binary?.attachment_0).toMatchObject({ fileName: 'proposal.pdf', mimeType: 'application/pdf' });
	});

	it('crm-drafts.json creates a draft, revises it by its ID and reads it back; nothing is sent', async () => {
		const result = await runExample(draftsExample, emulator());
		expect(result.error).toBeUndefined();
		const path = `/crm/v8/Contacts/${SEED.sage}/__email_drafts`;
		const requests = crmRequests(emulator());
		const id = (emulator().data.crm.drafts('Contacts', SEED.sage) as Array<{ id: string }>)[1].id;
		expect(requests.map((r) => [r.method, r.path])).toEqual([
			['POST', path],
			['GET', `${path}/${id}`],
			['PUT', `${path}/${id}`],
			['GET', `${path}/${id}`],
		]);
		expect(result.output['Get draft']).toEqual([
			{ json: expect.objectContaining({ id, subject: 'Your proposal: any questions?', cc: [{ user_name: 'sales@zylker.com', email: 'sales@zylker.com' }] }), pairedItem: { item: 0 } },
		]);
		expect(emulator().mails()).toEqual([]);
	});

	it('crm-unblock.json finds the lead by its bounced address and unblocks it', async () => {
		const result = await runExample(unblockExample, emulator());
		expect(result.items).toEqual([{ json: expect.objectContaining({ status: 'success', record_id: SEED.kris, unblocked_fields: ['Email'] }), pairedItem: { item: 0 } }]);
		expect(crmRequests(emulator()).map((r) => [r.method, r.path])).toEqual([
			['GET', '/crm/v8/Leads/search'],
			['POST', `/crm/v8/Leads/${SEED.kris}/actions/unblock_email`],
		]);
		expect(emulator().data.crm.isBlocked('kris.marrier@kingchristopher.example')).toBe(false);
	});
});
