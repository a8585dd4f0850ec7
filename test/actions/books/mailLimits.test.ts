import fc from 'fast-check';
import nock from 'nock';
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { runZohoNode } from '../../harness/engine';
import { booksEmail } from '../../../nodes/ZohoEmail/actions/books';
import { BOOKS_MAIL_LIMITS } from '../../../nodes/ZohoEmail/models/books';
import { usCredential } from '../../harness/fixtures';

const API = 'https://www.zohoapis.com';
const ORG = '10234695';
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/**
 * Every Books operation that takes a Subject, with every transaction type it offers: found from the
 * node's description, so a new Books mail operation or type is covered without editing this list.
 */
function mailCases(): Array<{ name: string; parameters: INodeParameters }> {
	return Object.entries(booksEmail.operations).flatMap(([operation, op]) => {
		const named = (name: string) => op.description.find((p: INodeProperties) => p.name === name);
		if (!named('subject')) return [];
		const types = (named('transactionType')?.options as Array<{ value: string }> | undefined)?.map((o) => o.value) ?? [undefined];
		return types.map((transactionType) => ({
			name: transactionType ? `${operation} (${transactionType})` : operation,
			parameters: {
				resource: 'booksEmail',
				operation,
				organizationId: rl(ORG),
				contactId: rl('460000000026049'),
				transactionId: rl('460000000040001'),
				...(transactionType ? { transactionType } : {}),
				to: 'willsmith@bowmanfurniture.example',
				contentMode: 'custom',
			},
		}));
	});
}

/** Lengths around each limit, and anywhere below and above it. */
const lengthAround = (limit: number) => fc.oneof(fc.constantFrom(limit - 1, limit, limit + 1), fc.integer({ min: 1, max: limit + 200 }));

describe('Books mail: Zoho\'s subject and body limits, checked before any request by every mail operation', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('covers every Books operation that takes a subject', () => {
		expect([...new Set(mailCases().map((c) => c.parameters.operation))].sort()).toEqual(['emailContact', 'emailStatement', 'emailTransaction', 'sendPaymentReminder']);
	});

	it.each([
		['sendPaymentReminder', {}, 'Subject', 'x', 'y'.repeat(6000), '"Body" is longer than 5000 characters', '"Body" has 6000 characters; Zoho Books accepts at most 5000 (item 0).'],
		['emailTransaction', { transactionType: 'vendorPayment' }, 'Subject', 's'.repeat(1200), 'y', '"Subject" is longer than 1000 characters', '"Subject" has 1200 characters; Zoho Books accepts at most 1000 (item 0).'],
	])('%s %j: refused before any request', async (operation, extra, _field, subject, content, message, description) => {
		const result = await runZohoNode({
			parameters: { ...mailCases().find((c) => c.parameters.operation === operation)!.parameters, ...extra, subject, content },
			credential: usCredential(),
			continueOnFail: true,
		});
		expect(result.items).toEqual([{ json: { error: message, description }, pairedItem: { item: 0 } }]);
	});

	it('generated: over a limit fails before any request; at or under it the subject and body go out as given', async () => {
		const cases = mailCases();
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...cases), lengthAround(BOOKS_MAIL_LIMITS.subject), lengthAround(BOOKS_MAIL_LIMITS.body), async (c, subjectLength, bodyLength) => {
				nock.cleanAll();
				const posted: unknown[] = [];
				nock(API)
					.persist()
					.post(/^\/books\/v3\//)
					.query(true)
					.reply(200, (_uri, body) => {
						posted.push(body);
						return { code: 0, message: 'sent' };
					});
				const subject = 's'.repeat(subjectLength);
				const content = 'b'.repeat(bodyLength);
				const result = await runZohoNode({ parameters: { ...c.parameters, subject, content }, credential: usCredential(), continueOnFail: true });
				const error = result.items[0].json.error;
				if (subjectLength > BOOKS_MAIL_LIMITS.subject) {
					expect(error).toBe(`"Subject" is longer than ${BOOKS_MAIL_LIMITS.subject} characters`);
					expect(posted).toEqual([]);
				} else if (bodyLength > BOOKS_MAIL_LIMITS.body) {
					expect(error).toBe(`"Body" is longer than ${BOOKS_MAIL_LIMITS.body} characters`);
					expect(posted).toEqual([]);
				} else {
					expect(error).toBeUndefined();
					expect(posted).toEqual([expect.objectContaining({ subject, body: content })]);
				}
			}),
			{ numRuns: 120, seed: 4 },
		);
	}, 120_000);
});
