/**
 * The request as n8n's HTTP helper gets it: the URL from the credential's host rules, Books'
 * organization, the JSON or multipart body, no redirect following (request.ts decides those).
 */
import { randomBytes } from 'crypto';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiBaseUrl, type HostSettings } from './dataCenters';
import { encodeMultipart } from './multipart';
import { originOf } from './redirects';
import type { ZohoFunctions, ZohoRequest } from './types';

const DEFAULT_TIMEOUT_MS = 120_000;

/** The request as it goes out: n8n's options, and where a followed redirect points it. */
export interface Outgoing {
	options: IHttpRequestOptions;
	url: string;
	qs: IDataObject;
	apiOrigin: string;
	hops: number;
}

/** n8n's options for the request: the URL from the host rules, Books' organization, the body. */
export function outgoing(ctx: ZohoFunctions, req: ZohoRequest, settings: HostSettings): Outgoing {
	const qs: IDataObject = { ...(req.qs ?? {}) };
	if (req.product === 'books' && req.path !== '/organizations') {
		if (!req.organizationId) {
			throw new NodeOperationError(ctx.getNode(), 'No Zoho Books organization chosen', {
				itemIndex: req.itemIndex,
				description: 'Pick an organization in the "Organization" field.',
			});
		}
		qs.organization_id = req.organizationId;
	}
	for (const key of Object.keys(qs)) if (qs[key] === undefined || qs[key] === '') delete qs[key];
	const base = apiBaseUrl(settings, req.product);
	const url = base + req.path;
	const options: IHttpRequestOptions = {
		method: req.method,
		url,
		qs,
		json: true,
		returnFullResponse: true,
		timeout: req.timeout ?? DEFAULT_TIMEOUT_MS,
		// Redirects are decided here (same API origin only); n8n would follow them with the token.
		disableFollowRedirect: true,
	};
	// Files are read as raw bytes; a JSON error answer is still recognised.
	if (req.binary) options.encoding = 'arraybuffer';
	if (req.multipart) {
		const boundary = `----n8nZohoEmail${randomBytes(12).toString('hex')}`;
		options.body = encodeMultipart(req.multipart, boundary);
		options.headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
	} else if (req.body !== undefined) {
		options.body = req.body;
	}
	return { options, url, qs, apiOrigin: originOf(base) ?? base, hops: 0 };
}
