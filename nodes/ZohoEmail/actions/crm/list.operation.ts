import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { crmModuleLocator } from '../../descriptions/crm';
import { CRM_EMAIL_MODULES } from '../../models/crm';
import { returnAllAndLimit } from '../../descriptions/paging';
import { recordLocator } from '../../descriptions/record';
import { booleanOf, moduleNameOf, optionOf, pagingOf, recordIdOf } from '../../helpers/validation';
import { crmCursorPages } from '../../transport';
import { recordRefOf, resolveRecord } from '../record';

const show = { show: { resource: ['crmEmail'], operation: ['list'] } };

/** `type` values of the Emails related list (seed 004); the `all_contacts_*` ones are for Accounts only. */
const ACCOUNT_TYPES = ['all_contacts_sent_crm_emails', 'all_contacts_scheduled_crm_emails', 'all_contacts_draft_crm_emails'];
const TYPES = ['sent_from_crm', 'scheduled_in_crm', 'drafts', 'user_emails', ...ACCOUNT_TYPES];

const properties: INodeProperties[] = [
	crmModuleLocator(),
	recordLocator({ description: 'The record whose emails to get' }),
	...returnAllAndLimit(),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return only ID, subject, from, to, time, sent and status instead of the full email',
	},
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
					{ name: 'All Contacts: Drafts (Accounts Only)', value: 'all_contacts_draft_crm_emails', description: 'Drafts to the account\'s contacts' },
					{ name: 'All Contacts: Scheduled in CRM (Accounts Only)', value: 'all_contacts_scheduled_crm_emails', description: 'Emails scheduled from CRM to the account\'s contacts' },
					{ name: 'All Contacts: Sent From CRM (Accounts Only)', value: 'all_contacts_sent_crm_emails', description: 'Emails sent from CRM to the account\'s contacts' },
					{ name: 'Drafts', value: 'drafts', description: 'Emails in draft state' },
					{ name: 'Scheduled in CRM', value: 'scheduled_in_crm', description: 'Emails scheduled to be sent from CRM' },
					{ name: 'Sent From CRM', value: 'sent_from_crm', description: 'Emails sent from CRM and associated with the record' },
					{ name: 'User Emails', value: 'user_emails', description: 'Your or a sharing user\'s mailbox emails, synced by IMAP or POP' },
				],
				default: 'sent_from_crm',
				description: 'Without a type, Zoho returns the user\'s mailbox emails and the emails sent from CRM',
			},
		],
	},
];

export const description = updateDisplayOptions(show, properties);

const address = (a: unknown): string | null => {
	if (typeof a !== 'object' || a === null) return null;
	const { user_name: name, email } = a as IDataObject;
	return name ? `${String(name)} <${String(email)}>` : String(email ?? '');
};

/** The fields people use: ID, subject, parties, time, direction and a status summary. */
export function simplifyEmail(email: IDataObject): IDataObject {
	const status = Array.isArray(email.status) ? (email.status as IDataObject[]) : [];
	return {
		id: email.message_id,
		subject: email.subject,
		from: address(email.from),
		to: Array.isArray(email.to) ? (email.to as unknown[]).map(address) : [],
		time: email.time ?? email.sent_time,
		sent: email.sent,
		status: status.map((s) => String(s.type)).join(', '),
	};
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const module = moduleNameOf(this, this.getNodeParameter('module', i), CRM_EMAIL_MODULES, i);
	const ref = recordRefOf.call(this, i);
	const { limit } = pagingOf(this, i);
	const simplify = booleanOf(this, this.getNodeParameter('simplify', i, true), 'Simplify', i, true);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const type = filters.emailType === undefined || filters.emailType === null || filters.emailType === '' ? '' : optionOf(this, filters.emailType, 'Type', TYPES, i);
	if (ACCOUNT_TYPES.includes(type) && module !== 'Accounts') {
		throw new NodeOperationError(this.getNode(), `Type "${type}" is only available for Accounts`, {
			itemIndex: i,
			description: `Choose another type, or list the emails of an Account (item ${i}).`,
		});
	}
	const ownerId = filters.ownerId !== undefined && filters.ownerId !== null && filters.ownerId !== '' ? recordIdOf(this, filters.ownerId, 'Owner ID', i) : undefined;
	if (ownerId && type !== 'user_emails') {
		throw new NodeOperationError(this.getNode(), '"Owner ID" needs Type "User Emails"', {
			itemIndex: i,
			description: `Zoho filters by owner only among mailbox emails (item ${i}).`,
		});
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
	return emails.map((email) => ({ json: simplify ? simplifyEmail(email) : email }));
}
