import type { IExecuteFunctions } from 'n8n-workflow';

import { recordIdOf, refusal, textOf } from '../../helpers/validation';
import { defaultOrganizationId } from '../../models/books';
import { oncePerExecution } from '../../transport';

/** The item's organization: the one picked, else the account's default. Kept as a string. */
export async function organizationOf(this: IExecuteFunctions, i: number): Promise<string> {
	const value = this.getNodeParameter('organizationId', i, '', { extractValue: true }) as unknown;
	if (typeof value === 'number') return recordIdOf(this, value, 'Organization', i);
	const id = textOf(this, value, 'Organization', i).trim();
	if (id) {
		if (!/^\d{1,25}$/.test(id)) {
			throw refusal(
				this,
				i,
				`"Organization" is not a Books organization ID: "${id.slice(0, 60)}"`,
				'Organization IDs are numbers such as 10234695; leave the field empty for the default organization',
			);
		}
		return id;
	}
	// Looked up once per execution, shared by concurrent items; a failed lookup is retried by the next item.
	return await oncePerExecution(this, 'booksDefaultOrganization', async () => await defaultOrganizationId(this, i));
}
