import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { CRM_INVENTORY_MODULES } from '../../models/crm';
import { MAIL_FORMATS } from '../../models/mail';
import { mailParties } from '../../helpers/addresses';
import { futureDateTime } from '../../helpers/dateTime';
import { booleanOf, given, headerTextOf, optionOf, recordIdOf, refusal, textOf } from '../../helpers/validation';
import { nameListOf } from '../../helpers/names';

/** The Attachment IDs field: text separated by commas, a list, or Zoho's own `[{ id }]` file objects. */
export function attachmentIdsOf(ctx: IExecuteFunctions, value: unknown, i: number): string[] {
	return nameListOf(ctx, value, 'Attachment IDs', i, 'id');
}

/** The send_mail body for one item, validated before any request, keys in the order of Zoho's CRM Send Mail page. */
export function buildCrmMail(this: IExecuteFunctions, i: number, module: string): IDataObject {
	const subject = textOf(this, this.getNodeParameter('subject', i, ''), 'Subject', i);
	const content = textOf(this, this.getNodeParameter('content', i, ''), 'Content', i);
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const emailTemplateId = given(fields.emailTemplateId)
		? recordIdOf(this, fields.emailTemplateId, 'Email Template', i)
		: undefined;

	if (!subject.trim() && !emailTemplateId) {
		throw refusal(this, i, '"Subject" is empty', 'Enter a subject or choose an email template');
	}
	const mail = mailParties(this, i, fields, booleanOf(this, fields.orgEmail, 'Organization Email', i));
	// UNCONFIRMED: v8's OpenAPI file models in_reply_to as {message_id, owner}; every Send Mail doc page
	// and sample sends the plain message_id string, so that is what is sent (docs/zoho-api-decisions.md).
	const inReplyTo = headerTextOf(this, fields.inReplyTo, 'In Reply To (Message ID)', i);
	if (inReplyTo) mail.in_reply_to = inReplyTo;
	if (given(fields.scheduledTime))
		mail.scheduled_time = futureDateTime(this, fields.scheduledTime, 'Scheduled Time', i);
	if (subject.trim()) mail.subject = subject;
	if (content) mail.content = content;
	mail.mail_format = optionOf(this, this.getNodeParameter('mailFormat', i, 'html'), 'Mail Format', MAIL_FORMATS, i);
	// Binary attachments get their IDs after the upload; the key keeps its documented place.
	const attachmentIds = attachmentIdsOf(this, fields.attachmentIds, i);
	const binaryNames = nameListOf(this, fields.binaryPropertyNames, 'Attachments (Binary Properties)', i);
	if (attachmentIds.length || binaryNames.length) mail.attachments = attachmentIds.map((id) => ({ id }));
	if (emailTemplateId) mail.template = { id: emailTemplateId };
	if (given(fields.inventoryTemplateId)) {
		const inventoryTemplateId = recordIdOf(this, fields.inventoryTemplateId, 'Inventory PDF: Template', i);
		if (!CRM_INVENTORY_MODULES.includes(module)) {
			throw refusal(
				this,
				i,
				`Inventory templates only apply to ${CRM_INVENTORY_MODULES.join(', ')}`,
				'Remove "Inventory PDF: Template" or send from one of these modules',
			);
		}
		mail.inventory_details = {
			inventory_template: { id: inventoryTemplateId },
			paper_type: given(fields.paperType)
				? optionOf(this, fields.paperType, 'Inventory PDF: Paper Type', ['A4', 'default', 'us_letter'], i)
				: 'A4',
			view_type: given(fields.viewType)
				? optionOf(this, fields.viewType, 'Inventory PDF: View Type', ['portrait', 'landscape'], i)
				: 'portrait',
		};
	}
	if (booleanOf(this, fields.consentEmail, 'GDPR: Consent Email', i)) {
		if (!content.includes('${ConsentForm.en_US}')) {
			throw refusal(
				this,
				i,
				'"Content" lacks the consent form link',
				`A consent email must contain the link \${ConsentForm.en_US} in its content`,
			);
		}
		mail.consent_email = true;
	}
	if (given(fields.dataSubjectRequestId)) {
		mail.data_subject_request = {
			id: recordIdOf(this, fields.dataSubjectRequestId, 'GDPR: Data Subject Request ID', i),
			type: given(fields.dataSubjectRequestType)
				? optionOf(
						this,
						fields.dataSubjectRequestType,
						'GDPR: Data Subject Request Type',
						['access', 'export', 'rectify'],
						i,
					)
				: 'access',
		};
	}
	return mail;
}
