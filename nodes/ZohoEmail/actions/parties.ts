import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isEmail } from '../helpers/addresses';
import { refusal } from '../helpers/validation';
import { CRM_EMAIL_FIELD_MODULES, CRM_NAME_FIELDS } from '../models/crm';
import { fromAddresses } from '../models/mail';
import { oncePerExecution, PRODUCT_NAMES, zohoRequest } from '../transport';

type Product = 'crm' | 'bigin';

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * The sender when From is left empty: the address Zoho marks `default`, else the `primary` one, of
 * GET /settings/emails/actions/from_addresses (Zoho's CRM and Bigin From Addresses pages). Read once per execution.
 * UNCONFIRMED for Bigin: its answer is assumed to have CRM's shape (Bigin's page shows none); an answer without
 * such an address is refused, never guessed.
 */
async function primarySender(this: IExecuteFunctions, product: Product, i: number): Promise<IDataObject> {
	const senders = await oncePerExecution(this, `fromAddresses:${product}`, async () =>
		(await fromAddresses(this, product, 'read your sender addresses', i)).filter((a) => isEmail(text(a.email))),
	);
	const pick = senders.find((a) => a.default === true) ?? senders.find((a) => a.type === 'primary');
	if (!pick) {
		throw refusal(
			this,
			i,
			`"From" is empty and ${PRODUCT_NAMES[product]} names no primary sender`,
			'Pick a sender in "From"',
		);
	}
	return { user_name: text(pick.user_name) || text(pick.email), email: text(pick.email) };
}

/** Checked before any request: only Leads and Contacts have an email address of their own. */
export function checkRecordEmailModule(this: IExecuteFunctions, module: string, i: number): void {
	if (this.getNodeParameter('sendTo', i, 'addresses') !== 'recordEmail' || CRM_EMAIL_FIELD_MODULES.includes(module))
		return;
	throw refusal(
		this,
		i,
		`${module} records have no email address of their own`,
		`Choose "Email Addresses" in "Send To" and enter "To", or send from a ${CRM_EMAIL_FIELD_MODULES.join(' or ')} record`,
	);
}

/** The record's own address and name (GET /{module}/{id}?fields=Email,<name field>), for Send To "The Record's Email Address". */
async function recordAddress(
	this: IExecuteFunctions,
	module: string,
	recordId: string,
	i: number,
): Promise<IDataObject> {
	const nameField = CRM_NAME_FIELDS[module] ?? 'Full_Name';
	const { body } = await zohoRequest.call(this, {
		product: 'crm',
		method: 'GET',
		path: `/${module}/${recordId}`,
		qs: { fields: `Email,${nameField}` },
		itemIndex: i,
		action: "read the record's email address",
	});
	const record = ((body.data as IDataObject[] | undefined) ?? [])[0] ?? {};
	const email = text(record.Email);
	if (!isEmail(email)) {
		throw refusal(
			this,
			i,
			`The ${module} record ${recordId} has no email address`,
			`Nothing was sent. Fill in the record's Email in Zoho CRM, or choose "Email Addresses" in "Send To" and enter "To"`,
		);
	}
	return { user_name: text(record[nameField]) || email, email };
}

/** The send_mail body with `from` and `to` filled where the item left them to Zoho's answers, in the documented key order. */
export async function withParties(
	this: IExecuteFunctions,
	product: Product,
	module: string,
	recordId: string,
	mail: IDataObject,
	i: number,
): Promise<IDataObject> {
	const from = mail.from ?? (await primarySender.call(this, product, i));
	const to = mail.to ?? [await recordAddress.call(this, module, recordId, i)];
	return { from, to, ...mail };
}
