import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BOOKS_WATCHED } from '../models/books';
import { zohoRequest } from '../transport';
import { parseZohoTime } from './cursor';
import { emailItem, firstEmailsPage, fullEmail } from './crmEmails';
import type { PollSettings, PollThis } from './types';

/** Records of a module a sample looks into, most recently modified first. */
const SAMPLE_RECORDS = 10;

function newest<T>(list: T[], timeOf: (x: T) => number): T | undefined {
	let best: T | undefined;
	for (const x of list) if (best === undefined || timeOf(x) > timeOf(best)) best = x;
	return best;
}

async function crmSample(this: PollThis, s: PollSettings): Promise<IDataObject | undefined> {
	let ids = s.recordIds;
	if (s.source === 'crmModule') {
		const { body } = await zohoRequest.call(this, {
			product: 'crm',
			method: 'GET',
			path: `/${encodeURIComponent(s.module)}`,
			qs: { fields: 'Modified_Time', sort_by: 'Modified_Time', sort_order: 'desc', page: 1, per_page: SAMPLE_RECORDS },
			action: 'list the records of the module',
		});
		ids = ((body.data as IDataObject[] | undefined) ?? []).map((r) => String(r.id));
	}
	const found: Array<{ id: string; email: IDataObject }> = [];
	for (const id of ids) {
		const emails = await firstEmailsPage.call(this, s, id);
		const best = newest(emails, (e) => parseZohoTime(e.time));
		if (best) found.push({ id, email: best });
		// In a module the most recently modified record with emails is sample enough.
		if (best && s.source === 'crmModule') break;
	}
	const pick = newest(found, (f) => parseZohoTime(f.email.time));
	if (!pick) return undefined;
	const email = s.includeBody ? await fullEmail.call(this, s, pick.id, pick.email) : pick.email;
	return emailItem(s, pick.id, email);
}

async function booksSample(this: PollThis, s: PollSettings): Promise<IDataObject | undefined> {
	const found: IDataObject[] = [];
	for (const type of s.documentTypes) {
		const cfg = BOOKS_WATCHED[type];
		const { body } = await zohoRequest.call(this, {
			product: 'books',
			method: 'GET',
			path: `/${type}`,
			organizationId: s.organizationId,
			qs: { sort_column: 'last_modified_time', sort_order: 'D', page: 1, per_page: SAMPLE_RECORDS },
			action: `list the ${cfg.listKey}`,
		});
		const doc = ((body[cfg.listKey] as IDataObject[] | undefined) ?? []).find((d) => d.is_emailed === true);
		if (doc)
			found.push({
				event: 'emailed',
				documentType: cfg.documentType,
				documentId: String(doc[cfg.idField]),
				document: doc,
			});
	}
	return newest(found, (f) => parseZohoTime((f.document as IDataObject).last_modified_time));
}

/**
 * "Fetch test event": the newest email (or emailed document) as a sample. Reads only; the cursor is
 * neither read nor written, so testing never moves what the active trigger emits.
 */
export async function sample(this: PollThis, s: PollSettings): Promise<IDataObject> {
	const item = s.source === 'booksEmailed' ? await booksSample.call(this, s) : await crmSample.call(this, s);
	if (!item) {
		throw new NodeOperationError(this.getNode(), 'No email found to show as a sample', {
			description:
				s.source === 'booksEmailed'
					? 'None of the most recently changed documents of the chosen types has been emailed yet.'
					: 'The watched records have no emails of the chosen type and direction yet. Send or associate one, then fetch again.',
		});
	}
	return item;
}
