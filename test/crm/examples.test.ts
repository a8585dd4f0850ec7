import associateExample from '../../examples/crm-associate.json';
import getExample from '../../examples/crm-get.json';
import listExample from '../../examples/crm-list.json';
import sendExample from '../../examples/crm-send.json';
import { crmRequests, runExample, SEED, useEmulator } from './emulator';

const emulator = useEmulator();

describe('CRM example workflows run against the emulator', () => {
	it.each([
		['crm-send.json', sendExample],
		['crm-associate.json', associateExample],
		['crm-list.json', listExample],
		['crm-get.json', getExample],
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
});
