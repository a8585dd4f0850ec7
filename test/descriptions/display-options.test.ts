import type { INodeProperties } from 'n8n-workflow';

import { ZohoEmail } from '../../nodes/ZohoEmail/ZohoEmail.node';
import { biginEmail } from '../../nodes/ZohoEmail/actions/bigin';
import { booksEmail } from '../../nodes/ZohoEmail/actions/books';
import { crmEmail } from '../../nodes/ZohoEmail/actions/crm';
import { crmEmailDraft } from '../../nodes/ZohoEmail/actions/crmDraft';

/**
 * Each operation file declares its fields once and shows them only for its own resource and
 * operation; node-wide fields (Resource, Performance) are the only ones without a condition.
 */
describe('where the action node shows each field', () => {
	const properties = new ZohoEmail().description.properties;
	const NODE_WIDE = ['resource', 'performance'];

	it('shows every operation field for exactly one resource and one operation', () => {
		const misplaced = properties
			.filter((p) => !NODE_WIDE.includes(p.name) && p.name !== 'operation')
			.filter((p) => p.displayOptions?.show?.resource?.length !== 1 || p.displayOptions?.show?.operation?.length !== 1)
			.map((p) => p.name);
		expect(misplaced).toEqual([]);
	});

	it('shows each operation\'s fields only with that operation of its own resource', () => {
		for (const [resource, { operations, description }] of Object.entries({ crmEmail, crmEmailDraft, biginEmail, booksEmail })) {
			const selector = description.find((p) => p.name === 'operation') as INodeProperties;
			expect(selector.displayOptions).toEqual({ show: { resource: [resource] } });
			for (const [operation, { description: fields }] of Object.entries(operations)) {
				expect(fields.length).toBeGreaterThan(0);
				for (const field of fields) {
					expect({ field: field.name, resource: field.displayOptions?.show?.resource, operation: field.displayOptions?.show?.operation }).toEqual({
						field: field.name,
						resource: [resource],
						operation: [operation],
					});
				}
			}
		}
	});

	it('keeps the conditions a field adds of its own (Limit only without Return All)', () => {
		const limits = properties.filter((p) => p.name === 'limit');
		expect(limits.length).toBeGreaterThan(0);
		for (const limit of limits) expect(limit.displayOptions?.show?.returnAll).toEqual([false]);
	});

	it('shows Max Emails per Execution only on operations that can send, and no operation value is both', () => {
		const performance = properties.find((p) => p.name === 'performance') as INodeProperties;
		const cap = (performance.options as INodeProperties[]).find((o) => o.name === 'maxEmailsPerExecution');
		const shown = cap?.displayOptions?.show?.['/operation'];
		expect(shown).toEqual([
			'create',
			'emailContact',
			'emailStatement',
			'emailTransaction',
			'emailTransactionsInBulk',
			'send',
			'sendPaymentReminder',
			'sendPaymentRemindersInBulk',
			'update',
		]);
		for (const { operations } of [crmEmail, crmEmailDraft, biginEmail, booksEmail]) {
			for (const [value, operation] of Object.entries(operations)) expect([value, Boolean(operation.sendsEmail)]).toEqual([value, (shown as string[]).includes(value)]);
		}
		expect((performance.options as INodeProperties[]).find((o) => o.name === 'requestsInFlight')?.displayOptions).toBeUndefined();
	});

	it('leaves node-wide fields unconditional', () => {
		for (const name of NODE_WIDE) expect(properties.find((p) => p.name === name)?.displayOptions).toBeUndefined();
	});
});
