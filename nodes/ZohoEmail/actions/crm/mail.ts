import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CRM_INVENTORY_MODULES } from '../../descriptions/crm';
import { mailParties } from '../../helpers/addresses';
import { futureDateTime, recordIdOf } from '../../helpers/validation';

/** The ID list of a comma-separated text field. */
export function idList(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

/** The send_mail body for one item, validated before any request, keys in the order of seed 001. */
export function buildCrmMail(this: IExecuteFunctions, i: number, module: string): IDataObject {
	const subject = this.getNodeParameter('subject', i, '') as string;
	const content = this.getNodeParameter('content', i, '') as string;
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;

	if (!subject.trim() && !fields.templateId) {
		throw new NodeOperationError(this.getNode(), '"Subject" is empty', {
			itemIndex: i,
			description: `Enter a subject or choose an email template (item ${i}).`,
		});
	}
	const mail = mailParties(this, i, fields);
	// UNCONFIRMED: v8's OpenAPI file models in_reply_to as {message_id, owner}; every Send Mail doc page
	// and sample sends the plain message_id string, so that is what is sent (docs/zoho-api-decisions.md).
	if (fields.inReplyTo) mail.in_reply_to = String(fields.inReplyTo).trim();
	if (fields.scheduledTime) mail.scheduled_time = futureDateTime(this, fields.scheduledTime, 'Scheduled Time', i);
	if (subject.trim()) mail.subject = subject;
	if (content) mail.content = content;
	mail.mail_format = this.getNodeParameter('mailFormat', i, 'html') as string;
	// Binary attachments get their IDs after the upload; the key keeps its documented place.
	const attachmentIds = idList(fields.attachmentIds);
	if (attachmentIds.length || String(fields.binaryProperties ?? '').trim()) mail.attachments = attachmentIds.map((id) => ({ id }));
	if (fields.templateId) mail.template = { id: recordIdOf(this, fields.templateId, 'Email Template', i) };
	if (fields.inventoryTemplateId) {
		if (!CRM_INVENTORY_MODULES.includes(module)) {
			throw new NodeOperationError(this.getNode(), `Inventory templates only apply to ${CRM_INVENTORY_MODULES.join(', ')}`, { itemIndex: i });
		}
		mail.inventory_details = {
			inventory_template: { id: recordIdOf(this, fields.inventoryTemplateId, 'Inventory Template', i) },
			paper_type: fields.paperType ?? 'A4',
			view_type: fields.viewType ?? 'portrait',
		};
	}
	if (fields.consentEmail) {
		if (!content.includes('${ConsentForm.en_US}')) {
			throw new NodeOperationError(this.getNode(), '"Content" lacks the consent form link', {
				itemIndex: i,
				description: 'A consent email must contain the link ${ConsentForm.en_US} in its content.',
			});
		}
		mail.consent_email = true;
	}
	if (fields.dataSubjectRequestId) {
		mail.data_subject_request = {
			id: recordIdOf(this, fields.dataSubjectRequestId, 'Data Subject Request ID', i),
			type: fields.dataSubjectRequestType ?? 'access',
		};
	}
	return mail;
}
