import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	booksContactLocator,
	booksMailFields,
	booksOrganizationLocator,
	booksSendFromOrgEmailOption,
} from '../../descriptions/books';
import { additionalFields } from '../../descriptions/fields';
import { binaryPropertiesOption, ccOption } from '../../descriptions/mail';
import { booleanOf, optionOf } from '../../helpers/validation';
import { booksFiles, sendBooksMail, sendResult } from './mailRequest';
import { organizationOf } from './organization';
import { customMailContent, idParam, mailIds, USE_TEMPLATE } from './parameters';
import { statementPeriod } from './dates';

const show = { show: { resource: ['booksEmail'], operation: ['emailStatement'] } };

/** Counts toward "Max Emails per Execution" (engine/sendCap.ts). */
export const sendsEmail = true;

const properties: INodeProperties[] = [
	booksOrganizationLocator(),
	booksContactLocator('The customer whose statement of transactions is sent'),
	...booksMailFields("Subject and body from Zoho Books' statement template"),
	additionalFields([
		binaryPropertiesOption(
			'data',
			"Names of the input item's binary properties to attach besides the statement, separated by commas (10 MB in total)",
		),
		ccOption(),
		{
			displayName: 'End Date',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			description: 'Last day of the statement period (with Start Date; both empty means the current month)',
		},
		booksSendFromOrgEmailOption("Whether to send from the organization's email address instead of yours"),
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description: 'First day of the statement period (with End Date; both empty means the current month)',
		},
	]),
];

export const description = updateDisplayOptions(show, properties);

/** POST /contacts/{contact_id}/statements/email?start_date=&end_date= (Zoho's Books Contacts API, Email statement). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const contactId = idParam(this, 'contactId', 'Contact', i);
	const to = mailIds(this, this.getNodeParameter('to', i), 'To', i, true);
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const cc = mailIds(this, fields.cc, 'CC', i);
	const period = statementPeriod(this, i, fields);
	// The spec marks subject and body required yet says an empty body means the default content, so the
	// default template is asked for with both present and empty: that satisfies either reading.
	let subject = '';
	let body = '';
	const fromOrg = booleanOf(this, fields.sendFromOrgEmail, 'Send From Organization Address', i);
	if (
		optionOf(this, this.getNodeParameter('contentMode', i, 'default'), 'Content', ['default', 'custom'], i) === 'custom'
	) {
		({ subject, body } = customMailContent(this, i, USE_TEMPLATE));
	}
	const files = await booksFiles.call(this, i, fields.binaryPropertyNames);
	const organizationId = await organizationOf.call(this, i);

	const payload: IDataObject = {
		...(fromOrg ? { send_from_org_email_id: true } : {}),
		to_mail_ids: to,
		...(cc.length ? { cc_mail_ids: cc } : {}),
		subject,
		body,
	};
	const { body: answer } = await sendBooksMail.call(this, i, {
		path: `/contacts/${contactId}/statements/email`,
		organizationId,
		qs: period,
		payload,
		files,
		action: 'email the statement',
	});
	return [
		{
			json: sendResult(answer, {
				organization_id: organizationId,
				contact_id: contactId,
				to_mail_ids: to,
				...period,
				default_template: !subject,
			}),
		},
	];
}
