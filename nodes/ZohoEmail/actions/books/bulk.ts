import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { BOOKS_TRANSACTIONS } from '../../models/books';
import { zohoRequest, type ZohoResponse } from '../../transport';
import { errorForItem } from '../../engine/batch';
import type { BatchMember } from '../types';
import { unknownDocumentErrors } from './unknownDocuments';

/** Zoho Books' bulk email and bulk reminder calls take at most 10 documents each (Zoho's Books API pages). */
export const BOOKS_BULK_MAX = 10;

/** One item of a bulk call: its organization, document type and document ID. */
export interface BulkMember extends BatchMember {
	organizationId: string;
	typeName: string;
	/** Found By Number, so known to exist (actions/books/unknownDocuments.ts). */
	byNumber?: boolean;
}

export type Members = Array<{ index: number; member: BulkMember }>;

/** What every item of a bulk call reports: where it went and which documents shared the call. */
export function bulkFields(members: Members, member: BulkMember): IDataObject {
	const type = BOOKS_TRANSACTIONS[member.typeName];
	return {
		organization_id: member.organizationId,
		transaction_type: member.typeName,
		[type.idField]: member.id,
		batch_ids: members.map((m) => m.member.id),
	};
}

/**
 * POST `path`?{invoice|estimate}_ids=a,b,c: one call for all members, sent once. A bulk call is never
 * repeated after an ambiguous failure (transport/policy.ts, kind `bulk`), so when the call fails every
 * member gets that failure as its own error, naming the other items of the call; when Zoho refused it
 * because documents do not exist, those are found and named (unknownDocuments.ts).
 */
export async function bulkCall(
	this: IExecuteFunctions,
	members: Members,
	req: { path: string; action: string },
	onAnswer: (
		answer: ZohoResponse,
	) => Array<INodeExecutionData[] | Error> | Promise<Array<INodeExecutionData[] | Error>>,
): Promise<Array<INodeExecutionData[] | Error>> {
	const first = members[0].member;
	const type = BOOKS_TRANSACTIONS[first.typeName];
	let answer: ZohoResponse;
	try {
		answer = await zohoRequest.call(this, {
			product: 'books',
			method: 'POST',
			path: req.path,
			qs: { [`${type.idField}s`]: members.map((m) => m.member.id).join(',') },
			organizationId: first.organizationId,
			itemIndex: members[0].index,
			action: req.action,
			kind: 'bulk',
		});
	} catch (error) {
		// Refused because documents do not exist: named, each item with its own words.
		const named = await unknownDocumentErrors(this, members, error, req.action);
		return (
			named ??
			members.map(({ index }) => errorForItem(this, error, index, sharedNote(members, type.label.toLowerCase())))
		);
	}
	return await onAnswer(answer);
}

/** Why an item shares another item's error, and what to check before running it again. */
function sharedNote(members: Members, label: string): string | undefined {
	if (members.length < 2) return undefined;
	return (
		`This item was one of ${members.length} ${label}s in one call (items ${members.map((m) => m.index).join(', ')}; IDs ${members.map((m) => m.member.id).join(', ')}). ` +
		'Zoho Books answered for the whole call, so this applies to each of them.'
	);
}
