import type { INode, INodeParameters, INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { ZohoEmailOAuth2Api } from '../../credentials/ZohoEmailOAuth2Api.credentials';
import { ZohoEmail } from '../../nodes/ZohoEmail/ZohoEmail.node';
import { ZohoEmailTrigger } from '../../nodes/ZohoEmail/ZohoEmailTrigger.node';

/**
 * Every name n8n saves in a user's workflow or credential: parameter names (dotted inside collections),
 * option values (`name=value`) and resource locator modes (`name~mode`). Saved names must never
 * change after a release: a renamed parameter silently drops what users configured. If this test
 * fails, restore the old name; add new names to the list instead.
 */
function savedNames(properties: INodeProperties[], prefix = ''): string[] {
	const out = new Set<string>();
	for (const property of properties) {
		const path = `${prefix}${property.name}`;
		if (property.type === 'notice') continue;
		out.add(path);
		if (property.type === 'options' || property.type === 'multiOptions') {
			// Operations are saved per resource: `operation=send@crmEmail`.
			const resources = property.name === 'operation' ? (property.displayOptions?.show?.resource as string[] | undefined) : undefined;
			const scope = resources ? `@${resources.join('|')}` : '';
			for (const option of (property.options ?? []) as INodePropertyOptions[]) out.add(`${path}=${String(option.value)}${scope}`);
		}
		if (property.type === 'collection') {
			for (const name of savedNames((property.options ?? []) as INodeProperties[], `${path}.`)) out.add(name);
		}
		if (property.type === 'fixedCollection') {
			for (const group of (property.options ?? []) as INodePropertyCollection[]) {
				for (const name of savedNames(group.values, `${path}.${group.name}.`)) out.add(name);
			}
		}
		if (property.type === 'resourceLocator') {
			for (const mode of property.modes ?? []) out.add(`${path}~${mode.name}`);
		}
	}
	return [...out].sort();
}

const SAVED_NAMES_MUST_NEVER_CHANGE =
	'Saved parameter names, option values and locator modes must never change once released: users\' workflows store them. Restore the old name; only additions are allowed (then extend this list).';

function expectUnchanged(actual: string[], expected: string[]): void {
	const removed = expected.filter((name) => !actual.includes(name));
	const added = actual.filter((name) => !expected.includes(name));
	if (removed.length || added.length) {
		throw new Error(`${SAVED_NAMES_MUST_NEVER_CHANGE}\nremoved or renamed: ${JSON.stringify(removed)}\nnew (add to the list): ${JSON.stringify(added)}`);
	}
}

const NODE = [
	'additionalFields',
	'additionalFields.attachPdf',
	'additionalFields.attachmentIds',
	'additionalFields.bcc',
	'additionalFields.binaryPropertyNames',
	'additionalFields.cc',
	'additionalFields.consentEmail',
	'additionalFields.dataSubjectRequestId',
	'additionalFields.dataSubjectRequestType',
	'additionalFields.dataSubjectRequestType=access',
	'additionalFields.dataSubjectRequestType=export',
	'additionalFields.dataSubjectRequestType=rectify',
	'additionalFields.emailTemplateId',
	'additionalFields.endDate',
	'additionalFields.fileName',
	'additionalFields.fromAddressId',
	'additionalFields.fromAddressId~id',
	'additionalFields.fromAddressId~list',
	'additionalFields.inReplyTo',
	'additionalFields.inlineImages',
	'additionalFields.inventoryTemplateId',
	'additionalFields.linkedRecordId',
	'additionalFields.linkedRecordModule',
	'additionalFields.linkedRecordName',
	'additionalFields.orgEmail',
	'additionalFields.ownerId',
	'additionalFields.paperType',
	'additionalFields.paperType=A4',
	'additionalFields.paperType=default',
	'additionalFields.paperType=us_letter',
	'additionalFields.replyTo',
	'additionalFields.scheduledTime',
	'additionalFields.sendCustomerStatement',
	'additionalFields.sendFromOrgEmail',
	'additionalFields.startDate',
	'additionalFields.viewType',
	'additionalFields.viewType=landscape',
	'additionalFields.viewType=portrait',
	'automatedReminders',
	'automatedReminders=disable',
	'automatedReminders=enable',
	'biginModule',
	'biginModule=Accounts',
	'biginModule=Contacts',
	'biginModule=Pipelines',
	'contactId',
	'contactId~id',
	'contactId~list',
	'content',
	'contentMode',
	'contentMode=custom',
	'contentMode=default',
	'dateTime',
	'direction',
	'direction=received',
	'direction=sent',
	'documentType',
	'documentType=creditNote',
	'documentType=estimate',
	'documentType=invoice',
	'documentType=purchaseOrder',
	'documentType=retainerInvoice',
	'documentType=salesOrder',
	'documentType=statement',
	'documentType=vendorPayment',
	'draftId',
	'fields',
	'fields=attach_pdf',
	'fields=attachments',
	'fields=bcc',
	'fields=bcc_mails',
	'fields=body',
	'fields=cc',
	'fields=cc_mails_list',
	'fields=comment_id',
	'fields=comment_type',
	'fields=commented_by',
	'fields=contact_id',
	'fields=content',
	'fields=creditnote_id',
	'fields=customer_id',
	'fields=customer_name',
	'fields=date',
	'fields=description',
	'fields=document_type',
	'fields=editable',
	'fields=emailtemplates',
	'fields=file_name',
	'fields=from',
	'fields=from_emails',
	'fields=has_attachment',
	'fields=intent',
	'fields=linked_record',
	'fields=mail_format',
	'fields=mailhistory_id',
	'fields=message_id',
	'fields=module',
	'fields=operation_type',
	'fields=organization_id',
	'fields=owner',
	'fields=read',
	'fields=record_id',
	'fields=reply_to',
	'fields=sent',
	'fields=sent_time',
	'fields=sentiment_info',
	'fields=source',
	'fields=status',
	'fields=subject',
	'fields=summary',
	'fields=thread_id',
	'fields=time',
	'fields=to',
	'fields=to_contacts',
	'fields=to_mail_ids',
	'fields=transaction_id',
	'fields=transaction_type',
	'filters',
	'filters.emailType',
	'filters.emailType=all_contacts_draft_crm_emails',
	'filters.emailType=all_contacts_scheduled_crm_emails',
	'filters.emailType=all_contacts_sent_crm_emails',
	'filters.emailType=drafts',
	'filters.emailType=scheduled_in_crm',
	'filters.emailType=sent_from_crm',
	'filters.emailType=user_emails',
	'filters.ownerId',
	'from',
	'from~address',
	'from~list',
	'historyOf',
	'historyOf=contact',
	'historyOf=creditNote',
	'historyOf=estimate',
	'historyOf=invoice',
	'historyOf=purchaseOrder',
	'historyOf=retainerInvoice',
	'historyOf=salesOrder',
	'limit',
	'mailFormat',
	'mailFormat=html',
	'mailFormat=text',
	'messageId',
	'messageId~id',
	'messageId~list',
	'module',
	'module~list',
	'module~name',
	'operation',
	'operation=associate@crmEmail',
	'operation=cancelScheduledEmail@booksEmail',
	'operation=create@crmEmailDraft',
	'operation=delete@crmEmailDraft',
	'operation=emailContact@booksEmail',
	'operation=emailStatement@booksEmail',
	'operation=emailTransaction@booksEmail',
	'operation=emailTransactionsInBulk@booksEmail',
	'operation=get@crmEmail',
	'operation=get@crmEmailDraft',
	'operation=getEmailContent@booksEmail',
	'operation=getPaymentReminderContent@booksEmail',
	'operation=list@crmEmail',
	'operation=list@crmEmailDraft',
	'operation=listEmailHistory@booksEmail',
	'operation=send@biginEmail',
	'operation=send@crmEmail',
	'operation=sendPaymentReminder@booksEmail',
	'operation=sendPaymentRemindersInBulk@booksEmail',
	'operation=setPaymentReminders@booksEmail',
	'operation=unblock@crmEmail',
	'operation=update@crmEmailDraft',
	'options',
	'options.attachmentsPrefix',
	'options.downloadAttachments',
	'options.duplicateAsSuccess',
	'organizationId',
	'organizationId~id',
	'organizationId~list',
	'originalMessageId',
	'output',
	'output=fields',
	'output=raw',
	'output=simple',
	'performance',
	'performance.maxEmailsPerExecution',
	'performance.requestsInFlight',
	'recordId',
	'recordId~email',
	'recordId~id',
	'recordId~list',
	'recordId~url',
	'resource',
	'resource=biginEmail',
	'resource=booksEmail',
	'resource=crmEmail',
	'resource=crmEmailDraft',
	'returnAll',
	'scheduledTime',
	'sendTo',
	'sendTo=addresses',
	'sendTo=defaultContacts',
	'sendTo=recordEmail',
	'subject',
	'to',
	'transactionId',
	'transactionId~id',
	'transactionId~list',
	'transactionId~number',
	'transactionType',
	'transactionType=creditNote',
	'transactionType=estimate',
	'transactionType=invoice',
	'transactionType=purchaseOrder',
	'transactionType=retainerInvoice',
	'transactionType=salesOrder',
	'transactionType=salesReceipt',
	'transactionType=vendorPayment',
	'unblockFields',
	'unblockFields=Email',
	'unblockFields=Secondary_Email',
	'updateFields',
	'updateFields.bcc',
	'updateFields.cc',
	'updateFields.content',
	'updateFields.mailFormat',
	'updateFields.mailFormat=html',
	'updateFields.mailFormat=text',
	'updateFields.replyTo',
	'updateFields.scheduledTime',
	'updateFields.subject',
	'updateFields.to',
	'when',
	'when=now',
	'when=schedule',
];

const TRIGGER = [
	'creditNoteHistory',
	'customerViews',
	'direction',
	'direction=any',
	'direction=received',
	'direction=sent',
	'emailType',
	'emailType=',
	'emailType=sent_from_crm',
	'emailType=user_emails',
	'engagementEvents',
	'engagementEvents=bounced',
	'engagementEvents=noReply',
	'engagementEvents=opened',
	'engagementEvents=replied',
	'everyOpen',
	'fetchFullEmail',
	'module',
	'module~list',
	'module~name',
	'noReplyHours',
	'options',
	'options.backfillMinutes',
	'options.lateWindowMinutes',
	'organizationId',
	'organizationId~id',
	'organizationId~list',
	'output',
	'output=raw',
	'output=simple',
	'paymentReminders',
	'records',
	'records.record.recordId',
	'records.record.recordId~id',
	'records.record.recordId~list',
	'records.record.recordId~url',
	'source',
	'source=booksEmailed',
	'source=crmModule',
	'source=crmRecords',
	'trackingWindowHours',
	'transactionTypes',
	'transactionTypes=creditNote',
	'transactionTypes=estimate',
	'transactionTypes=invoice',
	'transactionTypes=purchaseOrder',
	'transactionTypes=retainerInvoice',
	'transactionTypes=salesOrder',
	'ziaIntents',
	'ziaIntents=complaints',
	'ziaIntents=others',
	'ziaIntents=purchase',
	'ziaIntents=query',
	'ziaIntents=request',
	'ziaIntents=spam',
	'ziaSentiments',
	'ziaSentiments=negative',
	'ziaSentiments=neutral',
	'ziaSentiments=positive',
];

const CREDENTIAL = [
	'accessTokenUrl',
	'authQueryParameters',
	'authUrl',
	'authentication',
	'booksCancelScheduledEmails',
	'clientId',
	'clientSecret',
	'crmEnvironment',
	'crmEnvironment=developer',
	'crmEnvironment=production',
	'crmEnvironment=sandbox',
	'customAccountsUrl',
	'customApiUrl',
	'dataCenter',
	'dataCenter=au',
	'dataCenter=ca',
	'dataCenter=cn',
	'dataCenter=custom',
	'dataCenter=eu',
	'dataCenter=in',
	'dataCenter=jp',
	'dataCenter=sa',
	'dataCenter=uk',
	'dataCenter=us',
	'grantType',
	'products',
	'products=bigin',
	'products=books',
	'products=crm',
	'scope',
];

describe('saved names', () => {
	it('of the action node', () => {
		expectUnchanged(savedNames(new ZohoEmail().description.properties), NODE);
	});

	it('of the trigger', () => {
		expectUnchanged(savedNames(new ZohoEmailTrigger().description.properties), TRIGGER);
	});

	it('of the credential', () => {
		expectUnchanged(savedNames(new ZohoEmailOAuth2Api().properties), CREDENTIAL);
	});

	it('keeps what a saved version-1 trigger emits: Zoho\'s raw items, unless it chose otherwise; new triggers start Simplified', () => {
		const trigger = new ZohoEmailTrigger().description;
		const resolved = (typeVersion: number, parameters: INodeParameters) =>
			NodeHelpers.getNodeParameters(trigger.properties, parameters, true, false, { typeVersion } as INode, trigger)?.output;
		expect(resolved(1, { source: 'crmRecords' })).toBe('raw');
		expect(resolved(1, { source: 'crmRecords', output: 'simple' })).toBe('simple');
		expect(resolved(1.1, { source: 'crmRecords' })).toBe('simple');
		expect(trigger.version).toEqual([1, 1.1]);
		expect(trigger.defaultVersion).toBe(1.1);
	});

	it('fails on a rename', () => {
		expect(() => expectUnchanged(['additionalFields.binaryPropertyNames2'], ['additionalFields.binaryPropertyNames'])).toThrow(
			/must never change[\s\S]*removed or renamed: \["additionalFields.binaryPropertyNames"\]/,
		);
	});
});
