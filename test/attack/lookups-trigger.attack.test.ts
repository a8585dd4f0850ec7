/**
 * Attacks on the trigger's refusal of "Reply Received" / "No Reply Within" with an Email Type that
 * lists no received email: refused before any request, for expressions too, and nothing that works is refused.
 */
import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { useEmulator } from '../harness/emulator';
import { usCredential } from '../harness/fixtures';
import { emulatorCredential, PollHarness } from '../harness/poll';

const CONTACT = '5725767000000502003';

function params(overrides: INodeParameters): INodeParameters {
	return {
		source: 'crmRecords',
		module: { __rl: true, mode: 'list', value: 'Contacts' },
		records: { record: [{ recordId: { __rl: true, mode: 'id', value: CONTACT } }] },
		emailType: '',
		direction: 'any',
		engagementEvents: [],
		...overrides,
	};
}

describe('attack: refusal before any request (network closed, no interceptor)', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	const refused = async (overrides: INodeParameters) => {
		const harness = new PollHarness({ parameters: params(overrides), credential: usCredential() });
		const outcome = await harness.poll();
		expect(outcome.items).toEqual([]);
		expect(outcome.staticData).toEqual({});
		return outcome.error;
	};

	it.each([
		['saved list, replied', { emailType: 'sent_from_crm', engagementEvents: ['replied'] }],
		['saved list, noReply with opened', { emailType: 'sent_from_crm', engagementEvents: ['opened', 'noReply'] }],
		['events as an expression string', { emailType: 'sent_from_crm', engagementEvents: '={{ "opened, replied" }}' }],
		['Email Type from an expression', { emailType: '={{ "sent_from_" + "crm" }}', engagementEvents: ['noReply'] }],
		['both from expressions', { emailType: '={{ "sent_from_crm" }}', engagementEvents: '={{ ["bounced", "replied"] }}' }],
	])('%s: refused, naming the fields', async (_name, overrides) => {
		const error = await refused(overrides);
		expect(error?.message).toBe(
			'"Reply Received" and "No Reply Within" need the received emails, which "Email Type" "Sent From CRM" leaves out',
		);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('"Fetch test event" (manual mode) is refused as well, before any request', async () => {
		const harness = new PollHarness({ parameters: params({ emailType: 'sent_from_crm', engagementEvents: ['noReply'] }), credential: usCredential() });
		const outcome = await harness.poll('manual');
		expect(outcome.items).toEqual([]);
		expect(outcome.error?.message).toMatch(/^"Reply Received" and "No Reply Within" need the received emails/);
	});

	// Zoho's other list types (scheduled_in_crm, drafts; emulator/crm-emails.js) list no received email
	// either: an Email Type given by an expression must not slip past the refusal with one of them.
	it.each(['scheduled_in_crm', 'drafts', 'all_contacts_sent_crm_emails'])(
		'Email Type %s from an expression with Reply Received is refused before any request',
		async (type) => {
			const error = await refused({ emailType: `={{ "${type}" }}`, engagementEvents: ['replied', 'noReply'] });
			expect(error).toBeDefined();
			// Not a network error: the refusal names the events.
			expect(error?.message).toMatch(/Reply Received/);
		},
	);
});

describe('attack: what works is not refused (emulator)', () => {
	const emu = useEmulator();

	it.each([
		['opened and bounced with Sent From CRM', { emailType: 'sent_from_crm', engagementEvents: ['opened', 'bounced'] }],
		['opened by expression with Sent From CRM', { emailType: '={{ "sent_from_crm" }}', engagementEvents: '={{ "opened" }}' }],
		['replied and noReply with All', { emailType: '', engagementEvents: ['replied', 'noReply'] }],
		['replied with Synced Mailbox Emails', { emailType: 'user_emails', engagementEvents: ['replied'] }],
	])('%s: the poll runs', async (_name, overrides) => {
		const harness = new PollHarness({ parameters: params(overrides), credential: emulatorCredential(emu()) });
		const outcome = await harness.poll();
		expect(outcome.error).toBeUndefined();
		const lists = (emu().requests({ product: 'crm' }) as Array<{ method: string; path: string; query: Record<string, string> }>)
			.filter((r) => r.path.endsWith('/Emails'));
		expect(lists.length).toBeGreaterThan(0);
		expect(lists[0].path).toBe(`/crm/v8/Contacts/${CONTACT}/Emails`);
	});
});
