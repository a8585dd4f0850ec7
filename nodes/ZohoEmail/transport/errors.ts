import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { adviceFor, withAdvice } from './advice';
import { BOOKS_CODES, CRM_CODES } from './codes';
import type { ZohoProduct } from './dataCenters';
import { pathFieldOf } from './pathFields';
import { redact, redactDeep } from './redact';
import type { ZohoFunctions } from './types';

export const PRODUCT_NAMES: Record<ZohoProduct, string> = {
	crm: 'Zoho CRM',
	bigin: 'Zoho Bigin',
	books: 'Zoho Books',
};

/** A failure as Zoho reports it, whatever the envelope. */
export interface ZohoFailure {
	code: string;
	message: string;
	details?: IDataObject;
}

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Finds a Zoho failure in a response body: the bare CRM/Bigin envelope, per-item errors inside
 * `data[]` / `Emails[]` / `__email_drafts[]` (sent with 2xx too), or a Books `{code != 0}`.
 */
export function findZohoFailure(product: ZohoProduct, body: unknown): ZohoFailure | undefined {
	if (!isRecord(body)) return undefined;
	if (product === 'books') {
		if (body.code !== undefined && Number(body.code) !== 0) {
			return { code: String(body.code), message: String(body.message ?? '') };
		}
		return undefined;
	}
	if (body.status === 'error' && body.code !== undefined) {
		return {
			code: String(body.code),
			message: String(body.message ?? ''),
			details: isRecord(body.details) ? body.details : undefined,
		};
	}
	for (const key of ['data', 'Emails', '__email_drafts']) {
		const list = body[key];
		if (!Array.isArray(list)) continue;
		const failed = list.find((entry) => isRecord(entry) && entry.status === 'error') as IDataObject | undefined;
		if (failed) {
			return {
				code: String(failed.code ?? 'UNKNOWN'),
				message: String(failed.message ?? ''),
				details: isRecord(failed.details) ? failed.details : undefined,
			};
		}
	}
	return undefined;
}

/** The field Zoho names in `details`, if any. */
function fieldOf(details?: IDataObject): string | undefined {
	if (!details) return undefined;
	for (const key of ['api_name', 'param_name', 'param', 'json_path']) {
		if (typeof details[key] === 'string' && details[key]) return details[key] as string;
	}
	return undefined;
}

export interface FailureContext {
	product: ZohoProduct;
	action: string;
	itemIndex?: number;
	httpCode?: number;
	failure?: ZohoFailure;
	/** Plain words for failures that carry no Zoho body (timeouts, resets). */
	plain?: string;
	hint?: string;
	/** What an AI agent is told, before the clause for Zoho's code (transport/policy.ts). */
	advice?: string;
	/** What an AI agent is told when Zoho's code has no clause and no resolution. */
	fallbackAdvice?: string;
	/** Known secrets (the credential's tokens and client secret), removed from every text. */
	secrets?: readonly string[];
	/** The request's path after the product prefix, to name the value Zoho refused by its position. */
	path?: string;
	/** The Books organization, as a person knows it ("Zylker Inc", 10234695), for "not found". */
	organization?: string;
}

/** Books' "not found" (1002): the record does not exist in the request's organization. */
export const BOOKS_NOT_FOUND = '1002';

/**
 * The one way a Zoho failure becomes an n8n error: message in plain words, description with Zoho's
 * code, message, field and resolution. Built from plain values only, so no request header can ride
 * along, and every text taken from Zoho's answer is redacted (an error body may echo the request).
 */
export function zohoError(ctx: ZohoFunctions, context: FailureContext): NodeApiError {
	const secrets = context.secrets ?? [];
	const f: FailureContext = {
		...context,
		plain: context.plain === undefined ? undefined : redact(context.plain, secrets),
		hint: context.hint === undefined ? undefined : redact(context.hint, secrets),
		failure: context.failure ? redactDeep(context.failure, secrets) : undefined,
	};
	const productName = PRODUCT_NAMES[f.product];
	const table = f.product === 'books' ? BOOKS_CODES : CRM_CODES;
	const code = f.failure?.code ?? (f.httpCode ? String(f.httpCode) : undefined);
	// Only the table's own entries: a code such as "constructor" is not one.
	const known = code
		? [code, code.toUpperCase()].filter((c) => Object.hasOwn(table, c)).map((c) => table[c])[0]
		: undefined;
	const field = fieldOf(f.failure?.details);
	// A value of the URL (the module, the record, …), named by its position: the node's field and its value.
	const inPath = field ? undefined : pathFieldOf(f.product, f.path, f.failure?.details);
	let words = f.plain ?? known?.[0] ?? (f.failure?.message || `Zoho answered with HTTP ${f.httpCode ?? 'error'}`);
	if (f.plain === undefined && f.product === 'books' && code === BOOKS_NOT_FOUND && f.organization) {
		words = `the record does not exist in the organization ${f.organization}`;
	}
	if (field) words += ` (field "${field}")`;
	if (inPath) words += ` (field "${inPath.label}": ${inPath.value})`;
	const message = redact(`${productName} could not ${f.action}: ${words}`, secrets);

	// One fact per line: the editor shows each on a line of its own (editorText.ts).
	const lines: string[] = [];
	if (f.failure) {
		lines.push(`Zoho code: ${f.failure.code}`);
		if (f.failure.message) lines.push(`Zoho message: ${f.failure.message}`);
		if (field) lines.push(`Field: ${field}`);
		if (inPath) lines.push(`Field: ${inPath.label} = ${inPath.value}`);
		if (f.failure.details && Object.keys(f.failure.details).length) {
			lines.push(`Details: ${JSON.stringify(f.failure.details)}`);
		}
	}
	if (f.httpCode) lines.push(`HTTP status: ${f.httpCode}`);
	const resolution = f.hint ?? inPath?.resolution ?? known?.[1];
	if (resolution) lines.push(resolution);
	const description = redact(lines.join('\n'), secrets);

	const response: JsonObject = {
		message,
		description,
		...(f.httpCode ? { httpCode: String(f.httpCode) } : {}),
		...(f.failure
			? {
					zohoCode: f.failure.code,
					zohoMessage: f.failure.message,
					zohoDetails: (f.failure.details ?? {}) as JsonObject,
				}
			: {}),
	};
	const error = new NodeApiError(ctx.getNode(), response, {
		message,
		description,
		httpCode: f.httpCode ? String(f.httpCode) : undefined,
		itemIndex: f.itemIndex,
	});
	const pathAdvice = inPath ? `${inPath.advice} in "${inPath.label}" instead of ${inPath.value}` : undefined;
	const advice = f.advice ?? pathAdvice ?? adviceFor(f.product, code, field) ?? resolution ?? f.fallbackAdvice;
	return withAdvice(error, advice === undefined ? undefined : redact(advice, secrets));
}

/** Zoho's failure carried by an error of `zohoError`, and its HTTP status, for code that reacts to one code. */
export function zohoFailureOf(error: unknown): { failure: ZohoFailure; httpCode?: number } | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const response = error.errorResponse as IDataObject | undefined;
	if (typeof response?.zohoCode !== 'string') return undefined;
	const failure: ZohoFailure = { code: response.zohoCode, message: String(response.zohoMessage ?? '') };
	if (isRecord(response.zohoDetails) && Object.keys(response.zohoDetails).length)
		failure.details = response.zohoDetails;
	const httpCode = Number(error.httpCode);
	return { failure, ...(Number.isInteger(httpCode) && httpCode > 0 ? { httpCode } : {}) };
}
