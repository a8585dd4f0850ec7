import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { crmModuleLocator } from '../../descriptions/crm';
import { CRM_EMAIL_MODULES } from '../../models/crm';
import { outputProperties, zohoFields } from '../../descriptions/output';
import { returnAllAndLimit } from '../../descriptions/paging';
import { recordLocator } from '../../descriptions/record';
import { optionOf, pagingOf, recordIdOf, refusal } from '../../helpers/validation';
import { moduleNameOf } from '../../helpers/names';
import { idText, isoDateTime, outputOf, partiesText, partyText, shapeOutput } from '../../helpers/output';
import { crmCursorPages } from '../../transport';
import { recordRefOf, resolveRecord } from '../record';

const show = { show: { resource: ['crmEmail'], operation: ['list'] } };

/** Keys of a listed email (Zoho's CRM Get Emails of a Record page); Get adds the body and the attachments. */
export const LIST_FIELDS = zohoFields(
	['BCC', 'bcc'],
	['CC', 'cc'],
	['From', 'from'],
	['Has Attachment', 'has_attachment'],
	['Intent', 'intent'],
	['Linked Record', 'linked_record'],
	['Message ID', 'message_id'],
	['Owner', 'owner'],
	['Read', 'read'],
	['Sent', 'sent'],
	['Sentiment', 'sentiment_info'],
	['Source', 'source'],
	['Status', 'status'],
	['Subject', 'subject'],
	['Summary', 'summary'],
	['Time', 'time'],
	['To', 'to'],
);

/** `type` values of the Emails related list (Zoho's CRM Get Emails of a Record page); the `all_contacts_*` ones are for Accounts only. */
const ACCOUNT_TYPES = [
	'all_contacts_sent_crm_emails',
	'all_contacts_scheduled_crm_emails',
	'all_contacts_draft_crm_emails',
];
const TYPES = ['sent_from_crm', 'scheduled_in_crm', 'drafts', 'user_emails', ...ACCOUNT_TYPES];

const properties: INodeProperties[] = [
	crmModuleLocator(),
	recordLocator({ description: 'The record whose emails to get' }),
	...returnAllAndLimit(),
	...outputProperties('ID, subject, from, to, time, sent and status of each email', LIST_FIELDS),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Owner ID',
				name: 'ownerId',
				type: 'string',
				default: '',
				description: 'Zoho CRM user whose synced emails to get; needs Type "User Emails"',
			},
			{
				displayName: 'Type',
				name: 'emailType',
				type: 'options',
				options: [
					{
						name: 'All Contacts: Drafts (Accounts Only)',
						value: 'all_contacts_draft_crm_emails',
						description: "Drafts to the account's contacts",
					},
					{
						name: 'All Contacts: Scheduled in CRM (Accounts Only)',
						value: 'all_contacts_scheduled_crm_emails',
						description: "Emails scheduled from CRM to the account's contacts",
					},
					{
						name: 'All Contacts: Sent From CRM (Accounts Only)',
						value: 'all_contacts_sent_crm_emails',
						description: "Emails sent from CRM to the account's contacts",
					},
					{ name: 'Drafts', value: 'drafts', description: 'Emails in draft state' },
					{ name: 'Scheduled in CRM', value: 'scheduled_in_crm', description: 'Emails scheduled to be sent from CRM' },
					{
						name: 'Sent From CRM',
						value: 'sent_from_crm',
						description: 'Emails sent from CRM and associated with the record',
					},
					{
						name: 'User Emails',
						value: 'user_emails',
						description: "Your or a sharing user's mailbox emails, synced by IMAP or POP",
					},
				],
				default: 'sent_from_crm',
				description: "Without a type, Zoho returns the user's mailbox emails and the emails sent from CRM",
			},
		],
	},
];

export const description = updateDisplayOptions(show, properties);

/** Statuses as one text ("sent, opened"); Zoho gives a list of `{type, …}` (Zoho's CRM Get Emails of a Record page). */
export const statusText = (status: unknown): string =>
	Array.isArray(status)
		? (status as IDataObject[])
				.map((s) => String(s?.type ?? ''))
				.filter(Boolean)
				.join(', ')
		: '';

/** The fields people and agents use: ID, subject, parties, time, direction and a status summary. */
export function simplifyEmail(email: IDataObject): IDataObject {
	return {
		id: idText(email.message_id),
		subject: typeof email.subject === 'string' ? email.subject : null,
		from: partyText(email.from),
		to: partiesText(email.to),
		time: isoDateTime(email.time ?? email.sent_time),
		sent: email.sent === true,
		status: statusText(email.status),
	};
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const module = moduleNameOf(this, this.getNodeParameter('module', i), CRM_EMAIL_MODULES, i);
	const ref = recordRefOf.call(this, i);
	const { limit } = pagingOf(this, i);
	const output = outputOf(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const type =
		filters.emailType === undefined || filters.emailType === null || filters.emailType === ''
			? ''
			: optionOf(this, filters.emailType, 'Type', TYPES, i);
	if (ACCOUNT_TYPES.includes(type) && module !== 'Accounts') {
		throw refusal(
			this,
			i,
			`Type "${type}" is only available for Accounts`,
			'Choose another type, or list the emails of an Account',
		);
	}
	const ownerId =
		filters.ownerId !== undefined && filters.ownerId !== null && filters.ownerId !== ''
			? recordIdOf(this, filters.ownerId, 'Owner ID', i)
			: undefined;
	if (ownerId && type !== 'user_emails') {
		throw refusal(this, i, '"Owner ID" needs Type "User Emails"', 'Zoho filters by owner only among mailbox emails');
	}
	const recordId = await resolveRecord.call(this, 'crm', ref, module, i);
	const emails = await crmCursorPages.call(
		this,
		{
			product: 'crm',
			method: 'GET',
			path: `/${module}/${recordId}/Emails`,
			qs: { type: type || undefined, owner_id: ownerId },
			itemIndex: i,
			action: 'get the emails of the record',
		},
		{ itemsKey: 'Emails', limit },
	);
	return emails.map((email) => ({ json: shapeOutput(output, email, simplifyEmail) }));
}
