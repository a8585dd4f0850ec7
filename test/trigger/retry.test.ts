import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { pollFailure } from '../../nodes/ZohoEmail/trigger/retry';
import type { PollThis } from '../../nodes/ZohoEmail/trigger/types';

const node: INode = { id: '1', name: 'Zoho Email Trigger', type: 'n8n-nodes-zoho-email.zohoEmailTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
const ctx = { getNode: () => node } as unknown as PollThis;

describe('Zoho Email Trigger: the error a failed poll shows', () => {
	it('keeps the transport\'s own error, with its Zoho code', () => {
		const error = new NodeApiError(node, { code: 'INVALID_TOKEN' }, { message: 'Zoho CRM refused the credential', httpCode: '401' });
		expect(pollFailure(ctx, 'the Zoho Books invoices', error)).toBe(error);
	});

	it('names what was being read when anything else failed', () => {
		const failure = pollFailure(ctx, 'the emails of Contacts record 3652397000000624001', new TypeError('x is undefined'));
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect(failure.message).toBe('Zoho Email Trigger could not read the emails of Contacts record 3652397000000624001');
		expect(failure.description).toBe('x is undefined');
	});
});
