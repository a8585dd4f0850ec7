import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isEmail } from '../../helpers/addresses';
import { recordIdOf } from '../../helpers/validation';
import { zohoRequest } from '../../transport';

/** The record picker's value for one item: an ID, or an address still to be looked up. */
export type BiginRecordRef = { id: string } | { email: string };

/** Reads the record picker without any request (list, ID and URL give an ID; email mode an address). */
export function biginRecordRefOf(ctx: IExecuteFunctions, i: number): BiginRecordRef {
	const raw = ctx.getNodeParameter('recordId', i) as { mode?: string; value?: unknown } | string;
	if (typeof raw === 'object' && raw.mode === 'email') {
		const email = String(raw.value ?? '').trim();
		if (!isEmail(email)) {
			throw new NodeOperationError(ctx.getNode(), `"Record" is not an email address: "${email}"`, {
				itemIndex: i,
				description: `In "By Email Address" mode, enter the address of the Bigin record (item ${i}).`,
			});
		}
		return { email };
	}
	const value = ctx.getNodeParameter('recordId', i, undefined, { extractValue: true });
	return { id: recordIdOf(ctx, value, 'Record', i) };
}

/**
 * The record's ID. An address is looked up with Bigin's search (GET /{module}/search?email=, 204 when
 * nothing matches); more than one match is an error, so an email is never logged on a guessed record.
 */
export async function resolveBiginRecord(this: IExecuteFunctions, module: string, ref: BiginRecordRef, i: number): Promise<string> {
	if ('id' in ref) return ref.id;
	const { statusCode, body } = await zohoRequest.call(this, {
		product: 'bigin',
		method: 'GET',
		path: `/${module}/search`,
		qs: { email: ref.email },
		itemIndex: i,
		action: 'find the record by email address',
	});
	const records = statusCode === 204 ? [] : ((body.data as IDataObject[] | undefined) ?? []);
	if (records.length === 0) {
		throw new NodeOperationError(this.getNode(), `No Bigin ${module} record has the address ${ref.email}`, {
			itemIndex: i,
			description: 'Check the address, the module, or pick the record by ID.',
		});
	}
	if (records.length > 1) {
		throw new NodeOperationError(this.getNode(), `${records.length} Bigin ${module} records have the address ${ref.email}`, {
			itemIndex: i,
			description: `Pick the record by ID instead; matching IDs: ${records.map((r) => String(r.id)).join(', ')}.`,
		});
	}
	return String(records[0].id);
}
