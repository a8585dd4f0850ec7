import type { IExecuteFunctions } from 'n8n-workflow';

import { BOOKS_TRANSACTIONS } from '../../models/books';
import {
	BOOKS_NOT_FOUND,
	currentSecrets,
	organizationLabel,
	zohoError,
	zohoFailureOf,
	zohoRequest,
} from '../../transport';
import type { Members } from './bulk';

/**
 * The documents of a bulk call that Zoho Books refused as a whole with "not found" (1002): which of
 * them do not exist. A refused call sent nothing, so a few reads are all it costs: GET /{type}/{id}
 * for each document given by ID (Books' list calls filter by number, customer or date, never by ID:
 * docs/zoho-api-decisions.md, "Books bulk calls: naming the unknown documents"). A document found By
 * Number was read a moment ago and is not read again. Undefined when a read failed otherwise (or
 * every document exists), so that no document is named unknown on a guess.
 */
async function unknownIds(ctx: IExecuteFunctions, members: Members): Promise<Set<string> | undefined> {
	// A call of one: its document is the unknown one, unless it was just found By Number.
	if (members.length === 1) return members[0].member.byNumber ? undefined : new Set([members[0].member.id]);
	const type = BOOKS_TRANSACTIONS[members[0].member.typeName];
	const found = await Promise.all(
		members.map(async ({ index, member }) => {
			if (member.byNumber) return true;
			try {
				await zohoRequest.call(ctx, {
					product: 'books',
					method: 'GET',
					path: `/${type.path}/${member.id}`,
					organizationId: member.organizationId,
					itemIndex: index,
					action: `read the ${type.label.toLowerCase()} ${member.id}`,
				});
				return true;
			} catch (error) {
				return zohoFailureOf(error)?.failure.code === BOOKS_NOT_FOUND ? false : undefined;
			}
		}),
	);
	if (found.includes(undefined)) return undefined;
	return new Set(members.filter((_, k) => !found[k]).map((m) => m.member.id));
}

const list = (words: string[]): string =>
	words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;

/**
 * Each member's own error for a bulk call that Zoho Books refused because some of its documents do
 * not exist: those items say that their document does not exist, the others that the call was refused
 * because of them; all say that nothing of the call went out. Undefined when the call failed
 * otherwise, or the unknown documents could not be told apart.
 */
export async function unknownDocumentErrors(
	ctx: IExecuteFunctions,
	members: Members,
	error: unknown,
	action: string,
): Promise<Error[] | undefined> {
	const zoho = zohoFailureOf(error);
	if (zoho?.failure.code !== BOOKS_NOT_FOUND) return undefined;
	const unknown = await unknownIds(ctx, members);
	if (!unknown?.size) return undefined;
	const first = members[0].member;
	const label = BOOKS_TRANSACTIONS[first.typeName].label.toLowerCase();
	const organization = await organizationLabel(ctx, first.organizationId, members[0].index);
	const secrets = await currentSecrets(ctx);
	const missing = members.filter((m) => unknown.has(m.member.id));
	const does = missing.length > 1 ? 'do' : 'does';
	const named = list(missing.map((m) => `${label} ${m.member.id} (item ${m.index})`));
	const call =
		members.length > 1
			? `This call held ${members.length} ${label}s (items ${members.map((m) => m.index).join(', ')}). `
			: '';
	return members.map(({ index, member }) => {
		const own = unknown.has(member.id);
		const plain = own
			? `${label} ${member.id} does not exist in the organization ${organization}; nothing of the call went out`
			: `${named} ${does} not exist in the organization ${organization}, so Zoho Books refused the whole call; nothing of it went out`;
		const hint = own
			? `${call}Check this item's ${label} ID and the organization, or remove the item; then run the items again.`
			: `${call}This item's ${label} exists: run it again without the ${label}${missing.length > 1 ? 's' : ''} that ${does} not exist.`;
		// For an AI agent, after the message (which says that nothing went out): what to change.
		const advice = own
			? `use an existing ${label} ID instead of ${member.id}`
			: `run this ${label} again without ${list(missing.map((m) => m.member.id))}`;
		return zohoError(ctx, {
			product: 'books',
			action,
			itemIndex: index,
			failure: zoho.failure,
			httpCode: zoho.httpCode,
			plain,
			hint,
			advice,
			secrets,
		});
	});
}
