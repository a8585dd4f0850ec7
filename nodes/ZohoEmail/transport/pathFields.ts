import type { IDataObject } from 'n8n-workflow';

import { MODULE_ADVICE } from './advice';
import type { ZohoProduct } from './dataCenters';

/** A value of the request's URL that Zoho refused, as the node's field that gave it. */
export interface PathField {
	/** The node's field, as the editor shows it ("Record", "Module", …). */
	label: string;
	value: string;
	/** What to do, for a person (the description's last line). */
	resolution: string;
	/** What to change, for an AI agent (transport/advice.ts). */
	advice: string;
}

const MAX_VALUE = 100;

function segmentsOf(path: string): string[] {
	return path
		.split('?')[0]
		.split('/')
		.filter(Boolean)
		.map((segment) => {
			try {
				return decodeURIComponent(segment);
			} catch {
				return segment;
			}
		});
}

/**
 * Zoho CRM and Bigin name a refused part of the URL by its position among the path's segments after
 * the version: `details.resource_path_index` (Zoho's CRM status codes page; `InvalidUrlDetails` of the v8 OpenAPI
 * files). In `/Contacts/5725767000000426004/actions/send_mail`, 0 is the module and 1 the record; in
 * `/Contacts/…/Emails/{message_id}` and `/Contacts/…/__email_drafts/{draft_id}`, 3 is the email or
 * draft; in `/settings/email_templates/{id}`, 2 is the template. Any other position names no field.
 */
export function pathFieldOf(
	product: ZohoProduct,
	path: string | undefined,
	details: IDataObject | undefined,
): PathField | undefined {
	if (product === 'books' || !path || !details) return undefined;
	const index = details.resource_path_index;
	if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return undefined;
	const segments = segmentsOf(path);
	const value = segments[index]?.slice(0, MAX_VALUE);
	if (value === undefined) return undefined;
	const field = (label: string, resolution: string, advice: string): PathField => ({
		label,
		value,
		resolution,
		advice,
	});
	if (segments[0] === 'settings') {
		if (index !== 2) return undefined;
		const label = segments[1] === 'inventory_templates' ? 'Inventory Template' : 'Email Template';
		return field(
			label,
			`Zoho has no ${label.toLowerCase()} with this ID: pick the template from the list.`,
			`use the ID of an existing ${label.toLowerCase()}`,
		);
	}
	if (index === 0) {
		return field(
			'Module',
			'Zoho has no module with this API name, or it does not support emails: pick the module from the list, or use its API name (e.g. Contacts, Leads, Deals).',
			MODULE_ADVICE,
		);
	}
	const module = segments[0];
	if (index === 1) {
		return field(
			'Record',
			`Zoho found no ${module} record with this ID (it may have been deleted, or belong to another module): pick the record from the list, or check the ID and the module.`,
			`use the ID of an existing ${module} record`,
		);
	}
	if (index === 3 && /^emails$/i.test(segments[2] ?? '') && value !== 'actions') {
		return field(
			'Message ID',
			"This record has no email with this message ID: Get Many lists the record's emails with their message IDs.",
			'use a message ID that Get Many lists for this record',
		);
	}
	if (index === 3 && segments[2] === '__email_drafts') {
		return field(
			'Draft ID',
			"This record has no draft with this ID: CRM Email Draft → Get Many lists the record's drafts with their IDs.",
			"use a draft ID that the record's draft list gives",
		);
	}
	return undefined;
}
