import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { BOOKS_TRANSACTIONS, defaultOrganizationId } from '../models/books';
import { fetchEmailContent } from '../actions/books/content';
import { zohoRequest } from '../transport';

const PAGE_SIZE = 50;

/** The organization chosen in the node, else the account's default one. */
async function currentOrganization(ctx: ILoadOptionsFunctions): Promise<string> {
	const value = ctx.getCurrentNodeParameter('organizationId', { extractValue: true }) as unknown;
	const id = String(value ?? '').trim();
	return id || (await defaultOrganizationId(ctx));
}

function pageOf(token?: string): number {
	const page = Number(token ?? 1);
	return Number.isInteger(page) && page > 0 ? page : 1;
}

/** GET /organizations, the default one first (Zoho's Books Organizations API). */
export async function searchBooksOrganizations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { body } = await zohoRequest.call(this, {
		product: 'books',
		method: 'GET',
		path: '/organizations',
		action: 'list the organizations',
	});
	const f = filter?.toLowerCase();
	const orgs = ((body.organizations as IDataObject[] | undefined) ?? [])
		.filter(
			(o) =>
				!f ||
				String(o.name ?? '')
					.toLowerCase()
					.includes(f) ||
				String(o.organization_id).includes(f),
		)
		.sort((a, b) => Number(b.is_default_org === true) - Number(a.is_default_org === true));
	return {
		results: orgs.map((o) => ({
			name: `${o.name}${o.is_default_org === true ? ' (default)' : ''}`,
			value: String(o.organization_id),
		})),
	};
}

/** GET /contacts?search_text=… (Zoho's Books Contacts API, List contacts), a page at a time. */
export async function searchBooksContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const organizationId = await currentOrganization(this);
	const page = pageOf(paginationToken);
	const { body } = await zohoRequest.call(this, {
		product: 'books',
		method: 'GET',
		path: '/contacts',
		qs: { search_text: filter?.trim() || undefined, page, per_page: PAGE_SIZE },
		organizationId,
		action: 'list the contacts',
	});
	const contacts = (body.contacts as IDataObject[] | undefined) ?? [];
	return {
		results: contacts.map((c) => ({
			name: `${c.contact_name}${c.email ? ` <${c.email}>` : ''}${c.contact_type ? ` (${c.contact_type})` : ''}`,
			value: String(c.contact_id),
		})),
		paginationToken: ((body.page_context ?? {}) as IDataObject).has_more_page === true ? String(page + 1) : undefined,
	};
}

/** Operations that act on an invoice only (payment reminders, cancelling a scheduled email). */
const INVOICE_OPERATIONS = [
	'sendPaymentReminder',
	'getPaymentReminderContent',
	'setPaymentReminders',
	'cancelScheduledEmail',
];

/** The transaction type the picker serves, from the operation it sits in. */
function currentTransactionType(ctx: ILoadOptionsFunctions): string {
	const operation = ctx.getCurrentNodeParameter('operation');
	if (operation === 'listEmailHistory') {
		const historyOf = String(ctx.getCurrentNodeParameter('historyOf') ?? '');
		return historyOf in BOOKS_TRANSACTIONS ? historyOf : 'creditNote';
	}
	if (operation === 'sendPaymentRemindersInBulk') return 'invoice';
	if (typeof operation === 'string' && INVOICE_OPERATIONS.includes(operation)) return 'invoice';
	const name = operation === 'getEmailContent' ? 'documentType' : 'transactionType';
	return String(ctx.getCurrentNodeParameter(name) ?? 'invoice');
}

/** Transactions of the chosen type (GET /invoices?search_text=…, etc.), a page at a time. */
export async function searchBooksTransactions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const type = BOOKS_TRANSACTIONS[currentTransactionType(this)];
	if (!type) return { results: [] };
	const organizationId = await currentOrganization(this);
	const page = pageOf(paginationToken);
	const { body } = await zohoRequest.call(this, {
		product: 'books',
		method: 'GET',
		path: `/${type.path}`,
		qs: { search_text: filter?.trim() || undefined, page, per_page: PAGE_SIZE },
		organizationId,
		action: `list the ${type.label.toLowerCase()}s`,
	});
	const list = (body[type.listKey] as IDataObject[] | undefined) ?? [];
	return {
		results: list.map((t) => {
			const party = t.customer_name ?? t.vendor_name;
			return {
				name: `${t[type.numberField] ?? t[type.idField]}${party ? ` – ${party}` : ''}${t.status ? ` (${t.status})` : ''}`,
				value: String(t[type.idField]),
			};
		}),
		paginationToken: ((body.page_context ?? {}) as IDataObject).has_more_page === true ? String(page + 1) : undefined,
	};
}

/**
 * Email a Transaction's sender picker: the senders Books offers for the chosen transaction
 * (`from_emails` of GET /{type}/{id}/email, Zoho's Books email pages of each transaction); the value is the `organization_contact_id`
 * Zoho takes as `from_address_id`. Needs the transaction picked From List or By ID.
 */
export async function searchBooksSenders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const type = BOOKS_TRANSACTIONS[currentTransactionType(this)];
	const picked = this.getCurrentNodeParameter('transactionId') as
		| { mode?: string; value?: unknown }
		| string
		| undefined;
	const id = String(
		(typeof picked === 'object' ? (picked?.mode === 'number' ? '' : picked?.value) : picked) ?? '',
	).trim();
	if (!type?.fromAddressId || !/^\d{1,25}$/.test(id)) return { results: [] };
	const organizationId = await currentOrganization(this);
	const content = await fetchEmailContent.call(this, undefined, {
		path: `/${type.path}/${id}/email`,
		organizationId,
		action: `read the ${type.label.toLowerCase()}'s senders`,
	});
	const f = filter?.trim().toLowerCase();
	return {
		results: ((content.from_emails as IDataObject[] | undefined) ?? [])
			.filter((e) => e.organization_contact_id !== undefined && e.organization_contact_id !== null)
			.filter((e) => !f || `${String(e.user_name ?? '')} ${String(e.email ?? '')}`.toLowerCase().includes(f))
			.map((e) => ({
				name: `${e.user_name ? `${String(e.user_name)} <${String(e.email)}>` : String(e.email)}${e.selected === true ? " (Books' default)" : ''}`,
				value: String(e.organization_contact_id),
			})),
	};
}
