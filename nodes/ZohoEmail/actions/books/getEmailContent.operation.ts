import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { booksContactLocator, booksOrganizationLocator, booksTransactionLocator } from '../../descriptions/books';
import { BOOKS_TRANSACTIONS } from '../../models/books';
import { additionalFields } from '../../descriptions/fields';
import { outputProperties } from '../../descriptions/output';
import { outputOf, shapeOutput } from '../../helpers/output';
import { given, optionOf, recordIdOf } from '../../helpers/validation';
import { organizationOf } from './organization';
import { CONTENT_FIELDS, simplifyEmailContent } from './output';
import { idParam } from './parameters';
import { transactionIdOf, transactionRefOf, type TransactionRef } from './transaction';
import { fetchEmailContent } from './content';
import { statementPeriod } from './dates';

const show = { show: { resource: ['booksEmail'], operation: ['getEmailContent'] } };
const statement = { show: { documentType: ['statement'] } };
const transaction = { hide: { documentType: ['statement'] } };

/** Transactions with a GET …/email endpoint (sales receipts have none). */
const WITH_CONTENT = Object.keys(BOOKS_TRANSACTIONS).filter((t) => BOOKS_TRANSACTIONS[t].getContent);
/**
 * The ones whose GET …/email takes `email_template_id` (models/books.ts). Zoho answers the others with
 * their default email whatever template is named, so Email Template ID is shown only for these; n8n
 * drops a hidden option's saved value before the node runs, so none reaches the request.
 */
const WITH_TEMPLATE = WITH_CONTENT.filter((t) => BOOKS_TRANSACTIONS[t].emailTemplate);
const TEMPLATE_TYPES = WITH_TEMPLATE.map((t) => `${BOOKS_TRANSACTIONS[t].label.toLowerCase()}s`);

const properties: INodeProperties[] = [
	booksOrganizationLocator(),
	{
		displayName: 'Email Of',
		name: 'documentType',
		type: 'options',
		noDataExpression: true,
		options: [
			...WITH_CONTENT.map((value) => ({ name: BOOKS_TRANSACTIONS[value].label, value })),
			{ name: 'Customer Statement', value: 'statement' },
		].sort((a, b) => a.name.localeCompare(b.name)),
		default: 'invoice',
		description: 'What the email would be about',
	},
	{ ...booksTransactionLocator(), displayOptions: transaction },
	{ ...booksContactLocator('The customer whose statement email is prepared'), displayOptions: statement },
	...outputProperties('Subject, body as plain text, sender, recipients, template and PDF of the email', CONTENT_FIELDS),
	additionalFields([
		{
			displayName: 'Email Template ID',
			name: 'emailTemplateId',
			type: 'string',
			default: '',
			description: `Prepare the email from this template instead of the default one (${TEMPLATE_TYPES.slice(0, -1).join(', ')} and ${TEMPLATE_TYPES.at(-1)} only)`,
			displayOptions: { show: { '/documentType': WITH_TEMPLATE } },
		},
		{
			displayName: 'End Date',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			description: 'Statements: last day of the period (with Start Date; both empty means the current month)',
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description: 'Statements: first day of the period (with End Date; both empty means the current month)',
		},
	]),
];

export const description = updateDisplayOptions(show, properties);

/** GET …/{id}/email or GET /contacts/{id}/statements/email: the email Zoho Books would send by default. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const documentType = optionOf(
		this,
		this.getNodeParameter('documentType', i),
		'Email Of',
		[...WITH_CONTENT, 'statement'],
		i,
	);
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const output = outputOf(this, i);
	let path = '';
	let qs: IDataObject;
	let ids: IDataObject = {};
	let ref: TransactionRef | undefined;
	if (documentType === 'statement') {
		const contactId = idParam(this, 'contactId', 'Contact', i);
		qs = statementPeriod(this, i, fields);
		path = `/contacts/${contactId}/statements/email`;
		ids = { contact_id: contactId, ...qs };
	} else {
		const type = BOOKS_TRANSACTIONS[documentType];
		if (!type?.getContent) {
			throw new NodeOperationError(this.getNode(), `Zoho Books has no default email content for "${documentType}"`, {
				itemIndex: i,
			});
		}
		ref = transactionRefOf(this, i, documentType, type.label);
		qs = given(fields.emailTemplateId)
			? { email_template_id: recordIdOf(this, fields.emailTemplateId, 'Email Template ID', i) }
			: {};
	}
	const organizationId = await organizationOf.call(this, i);
	if (ref) {
		const type = BOOKS_TRANSACTIONS[documentType];
		const id = await transactionIdOf.call(this, i, documentType, ref, organizationId);
		path = `/${type.path}/${id}/email`;
		ids = { [type.idField]: id };
	}
	const content = await fetchEmailContent.call(this, i, {
		path,
		organizationId,
		qs,
		action: 'read the default email content',
	});
	const raw: IDataObject = { ...content, document_type: documentType, organization_id: organizationId, ...ids };
	return [{ json: shapeOutput(output, raw, (r) => simplifyEmailContent(r, Object.keys(ids))) }];
}
