import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { RECORD_URL_ID } from '../descriptions/record';
import { isEmail } from '../helpers/addresses';
import { recordIdOf, refusal, textOf } from '../helpers/validation';
import { PRODUCT_NAMES, zohoRequest } from '../transport';

/** The record as the user gave it: an ID (list, ID and URL modes) or an address to look up. */
export type RecordRef = { id: string } | { email: string };

interface LocatorValue {
	mode?: string;
	value?: unknown;
}

/** Reads and checks the "Record" parameter for one item, before any request. */
export function recordRefOf(this: IExecuteFunctions, i: number): RecordRef {
	const raw = this.getNodeParameter('recordId', i) as LocatorValue | string;
	const locator: LocatorValue = typeof raw === 'object' && raw !== null ? raw : { mode: 'id', value: raw };
	const value = typeof locator.value === 'string' ? locator.value.trim() : locator.value;
	if (locator.mode === 'email') {
		const email = textOf(this, value, 'Record', i);
		if (!isEmail(email)) {
			throw refusal(
				this,
				i,
				`"Record" is not an email address: "${email}"`,
				'Enter the email address of the record to look up, e.g. ana@example.com',
			);
		}
		return { email };
	}
	if (locator.mode === 'url') {
		const match = RECORD_URL_ID.exec(textOf(this, value, 'Record', i));
		if (!match) {
			throw refusal(
				this,
				i,
				'"Record" URL holds no record ID',
				'Paste the address of a record page, ending in its ID, e.g. https://crm.zoho.com/crm/org123/tab/Contacts/3652397000000624001',
			);
		}
		return { id: match[1] };
	}
	return { id: recordIdOf(this, value, 'Record', i) };
}

/**
 * The record ID; an address is resolved with `GET /{module}/search?email=` (CRM and Bigin alike,
 * Zoho's CRM and Bigin Search Records pages; 204 when nothing matches). Anything but exactly one match is an error that
 * says what was found, so an email is never logged on a guessed record.
 */
export async function resolveRecord(
	this: IExecuteFunctions,
	product: 'crm' | 'bigin',
	ref: RecordRef,
	module: string,
	i: number,
): Promise<string> {
	if ('id' in ref) return ref.id;
	const { statusCode, body } = await zohoRequest.call(this, {
		product,
		method: 'GET',
		path: `/${module}/search`,
		qs: { email: ref.email },
		itemIndex: i,
		action: 'find the record by email address',
	});
	const records = statusCode === 204 ? [] : ((body.data as IDataObject[] | undefined) ?? []);
	// The ID goes into the next request's path: it must be a record ID, whatever the search answered.
	if (records.length === 1) return recordIdOf(this, records[0].id, `The ${module} record found by email address`, i);
	if (records.length === 0) {
		throw refusal(
			this,
			i,
			`No ${module} record has the email address ${ref.email}`,
			`Check the address and the module, or pick the record by ID: ${PRODUCT_NAMES[product]}'s search found no ${module} record with this address in an email field`,
		);
	}
	const ids = records.slice(0, 5).map((r) => (typeof r.id === 'string' ? r.id.slice(0, 30) : '?'));
	const more = records.length > 5 || ((body.info ?? {}) as IDataObject).more_records === true;
	throw refusal(
		this,
		i,
		`${records.length}${more ? '+' : ''} ${module} records have the email address ${ref.email}`,
		'Pick the record by ID instead, as the address must match exactly one record',
		{ then: `; matching record IDs: ${ids.join(', ')}${more ? ', …' : ''}.` },
	);
}
