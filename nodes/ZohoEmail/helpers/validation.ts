import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Zoho record IDs are 18–19 digit strings, beyond JavaScript's safe integers: never make them numbers. */
export function recordIdOf(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	const raw = typeof value === 'object' && value !== null && 'value' in value ? (value as { value: unknown }).value : value;
	const id = typeof raw === 'number' ? String(raw) : String(raw ?? '').trim();
	if (typeof raw === 'number' && !Number.isSafeInteger(raw)) {
		throw new NodeOperationError(ctx.getNode(), `"${field}" lost digits: it arrived as a number`, {
			itemIndex,
			description: 'Zoho IDs are longer than JavaScript numbers can hold. Pass the ID as a string (e.g. {{ String($json.id) }} or a quoted value).',
		});
	}
	if (!/^\d{5,25}$/.test(id)) {
		throw new NodeOperationError(ctx.getNode(), `"${field}" is not a Zoho ID: "${id}"`, {
			itemIndex,
			description: `Zoho IDs are long numbers such as 3652397000000624001 (item ${itemIndex}).`,
		});
	}
	return id;
}

/** A module API name: Leads, Sales_Orders, or a custom module such as Projects__c. */
export function moduleNameOf(ctx: IExecuteFunctions, value: unknown, allowed: string[] | undefined, itemIndex: number): string {
	const raw = typeof value === 'object' && value !== null && 'value' in value ? (value as { value: unknown }).value : value;
	const name = String(raw ?? '').trim();
	if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
		throw new NodeOperationError(ctx.getNode(), `"Module" is not a module API name: "${name}"`, {
			itemIndex,
			description: 'Use the API name, e.g. Leads, Contacts, Sales_Orders, or a custom module such as Projects__c.',
		});
	}
	if (allowed && !allowed.includes(name) && !name.endsWith('__c') && !/^CustomModule\d+$/.test(name)) {
		throw new NodeOperationError(ctx.getNode(), `This operation does not support the module "${name}"`, {
			itemIndex,
			description: `Supported: ${allowed.join(', ')}, and custom modules.`,
		});
	}
	return name;
}

/** An ISO-8601 date-time with an offset, as Zoho wants it (2026-06-20T10:00:00+05:30); a time without one is sent in UTC. */
export function isoDateTime(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	const text = String(value ?? '').trim();
	const time = Date.parse(text);
	if (!text || Number.isNaN(time)) {
		throw new NodeOperationError(ctx.getNode(), `"${field}" is not a date and time: "${text}"`, {
			itemIndex,
			description: `Use an ISO 8601 date and time such as 2024-06-12T12:12:12+05:30 (item ${itemIndex}).`,
		});
	}
	return /([+-]\d{2}:\d{2})$/.test(text) ? text : new Date(time).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** ISO-8601 date-time with an offset, in the future. */
export function futureDateTime(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number, now = Date.now()): string {
	const iso = isoDateTime(ctx, value, field, itemIndex);
	if (Date.parse(iso) <= now) {
		throw new NodeOperationError(ctx.getNode(), `"${field}" is in the past: ${String(value ?? '').trim()}`, {
			itemIndex,
			description: 'Zoho can only schedule emails for a future time.',
		});
	}
	return iso;
}
