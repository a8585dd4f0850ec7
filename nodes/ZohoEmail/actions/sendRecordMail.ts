import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { zohoRequest } from '../transport';
import { withParties } from './parties';

/**
 * Zoho skips recipients whose address is blocked after a bounce and lists them in
 * `details.blocked_email_addresses` (v8 OAS send_mail.json); the item says so and what lifts the block.
 */
function blockedFields(product: 'crm' | 'bigin', blocked: unknown): IDataObject {
	if (!Array.isArray(blocked) || blocked.length === 0) return {};
	const n = blocked.length;
	const unblock =
		product === 'crm'
			? 'Once the cause is fixed, CRM Email → Unblock Email Address on the record that holds the address lifts a soft-bounce block (at most 5 times; hard bounces stay blocked).'
			: 'Bigin documents no API to unblock an address: unblock it in Bigin.';
	return {
		blocked_email_addresses: blocked,
		unblock_hint: `Zoho did not send to ${n} blocked address${n === 1 ? '' : 'es'} (bounced before). ${unblock}`,
	};
}

/**
 * POSTs one send_mail body for a CRM or Bigin record (same endpoint shape and answer, Zoho's
 * CRM and Bigin Send Mail pages) and returns the output fields both share. Never retried on a 5xx or a timeout (kind `send`, transport/policy.ts).
 */
export async function sendRecordMail(
	this: IExecuteFunctions,
	product: 'crm' | 'bigin',
	module: string,
	recordId: string,
	mail: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const data = await withParties.call(this, product, module, recordId, mail, itemIndex);
	const { body } = await zohoRequest.call(this, {
		product,
		method: 'POST',
		path: `/${module}/${recordId}/actions/send_mail`,
		body: { data: [data] },
		itemIndex,
		action: 'send the email',
		kind: 'send',
	});
	const result = ((body.data as IDataObject[] | undefined) ?? [])[0] ?? {};
	const details = (result.details ?? {}) as IDataObject;
	return {
		message_id: details.message_id,
		status: result.status,
		code: result.code,
		message: result.message,
		scheduled: data.scheduled_time !== undefined,
		...blockedFields(product, details.blocked_email_addresses),
		module,
		record_id: recordId,
	};
}
