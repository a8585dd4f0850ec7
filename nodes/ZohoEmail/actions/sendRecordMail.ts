import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { zohoRequest } from '../transport';

/**
 * POSTs one send_mail body for a CRM or Bigin record (same endpoint shape and answer, reference §3.1,
 * §4.1) and returns the output fields both share. Never retried on a 5xx or a timeout (`sendsMail`).
 */
export async function sendRecordMail(
	this: IExecuteFunctions,
	product: 'crm' | 'bigin',
	module: string,
	recordId: string,
	mail: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const { body } = await zohoRequest.call(this, {
		product,
		method: 'POST',
		path: `/${module}/${recordId}/actions/send_mail`,
		body: { data: [mail] },
		itemIndex,
		action: 'send the email',
		sendsMail: true,
	});
	const result = ((body.data as IDataObject[] | undefined) ?? [])[0] ?? {};
	const details = (result.details ?? {}) as IDataObject;
	return {
		message_id: details.message_id,
		status: result.status,
		code: result.code,
		message: result.message,
		scheduled: mail.scheduled_time !== undefined,
		...(details.blocked_email_addresses ? { blocked_email_addresses: details.blocked_email_addresses } : {}),
		module,
		record_id: recordId,
	};
}
