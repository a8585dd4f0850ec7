import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import type { ZohoProduct } from './dataCenters';
import type { WriteKind } from './policy';

export const CREDENTIAL_NAME = 'zohoEmailOAuth2Api';

/** Every context that talks to Zoho: the action node, its pickers and the trigger. */
export type ZohoFunctions = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface MultipartFile {
	field: string;
	filename: string;
	contentType: string;
	data: Buffer;
}

export interface MultipartBody {
	fields: Record<string, string>;
	files: MultipartFile[];
}

interface RequestParts {
	product: ZohoProduct;
	/** Path after the product prefix, e.g. `/Leads/123/actions/send_mail`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	multipart?: MultipartBody;
	/** Books organization; required for every Books call except `GET /organizations`. */
	organizationId?: string;
	/** The item this request is for; carried into every error. */
	itemIndex?: number;
	/** What the request does, in words for error messages ("send the email"). */
	action: string;
	/** Milliseconds before giving up on an answer. */
	timeout?: number;
	/** The answer is a file (e.g. an email attachment): its bytes come back in `ZohoResponse.binary`. */
	binary?: boolean;
}

/**
 * A request to Zoho. A read is a GET; every other method changes something and names its kind, which
 * decides whether it is ever sent again and what its errors say (transport/policy.ts).
 */
export type ZohoRequest = RequestParts &
	(
		| { method: 'GET' | 'HEAD'; kind?: 'read' }
		| { method: Exclude<IHttpRequestMethods, 'GET' | 'HEAD'>; kind: WriteKind }
	);

export interface ZohoResponse<T = IDataObject> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON body; `{}` for Zoho's empty answers (204) and for files. */
	body: T;
	/** The file's bytes, for requests with `binary: true` that Zoho answered with a file. */
	binary?: Buffer;
}
