import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

import { ZohoEmailOAuth2Api } from '../../credentials/ZohoEmailOAuth2Api.credentials';

/** The parent type's fields n8n's OAuth2 code reads (n8n's own oAuth2Api defines them). */
const OAUTH2_PARENT: INodeProperties[] = [
	{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
	{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '' },
	{ displayName: 'OAuth Token Data', name: 'oauthTokenData', type: 'json', default: '' },
];

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * Credentials for n8n-core's engine, the way n8n's CLI serves them: stored data plus the type's
 * defaults, with `={{ … }}` expressions in hidden fields resolved against the credential itself
 * ($self). OAuth token updates from n8n-core's refresh are written back, as n8n does to its database.
 */
let stores = 0;

export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly store = new Map<string, StoredCredential>();

	/**
	 * Tells this store's credentials from another store's with the same ID: each store is one n8n
	 * instance, and the node keeps per-credential state (token renewals) by credential ID.
	 */
	readonly instance = ++stores;

	readonly tokenUpdates: ICredentialDataDecryptedObject[] = [];

	private readonly types: Record<string, ICredentialType> = { zohoEmailOAuth2Api: new ZohoEmailOAuth2Api() };

	constructor(private readonly nodeTypes: INodeTypes) {
		super();
	}

	add(credential: StoredCredential): void {
		this.store.set(credential.id, structuredClone(credential));
	}

	getParentTypes(name: string): string[] {
		return this.types[name]?.extends ?? [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(_c: ICredentialDataDecryptedObject, _t: string, requestOptions: IHttpRequestOptions | IRequestOptionsSimplified): Promise<IHttpRequestOptions> {
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails): Promise<ICredentials> {
		const stored = this.stored(nodeCredentials);
		return { id: stored.id, name: stored.name, type: stored.type, data: undefined, getData: () => structuredClone(stored.data) } as unknown as ICredentials;
	}

	async getDecrypted(
		_a: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode: WorkflowExecuteMode,
		_executeData?: unknown,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.stored(nodeCredentials);
		const data = structuredClone(stored.data);
		if (raw) return data;
		const properties = this.getCredentialsProperties(type);
		const withDefaults = NodeHelpers.getNodeParameters(properties, data as never, true, false, null, null) as ICredentialDataDecryptedObject;
		// Hidden fields always take the type's value, as in n8n (stored values cannot override them).
		for (const p of properties) if (p.type === 'hidden') withDefaults[p.name] = p.default as never;
		const merged = { ...data, ...withDefaults, oauthTokenData: data.oauthTokenData };
		const node: INode = { id: 'cred', name: 'cred', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: {} };
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: this.nodeTypes });
		return workflow.expression.getComplexParameterValue(node, merged as never, 'internal', {}, undefined, undefined, merged as never) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(nodeCredentials: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.stored(nodeCredentials).data = structuredClone(data);
	}

	async updateCredentialsOauthTokenData(nodeCredentials: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.tokenUpdates.push(structuredClone(data.oauthTokenData as ICredentialDataDecryptedObject));
		this.stored(nodeCredentials).data.oauthTokenData = structuredClone(data.oauthTokenData);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.types[type];
		if (!credentialType) throw new Error(`Unknown credential type ${type}`);
		return [...OAUTH2_PARENT, ...credentialType.properties];
	}

	private stored(nodeCredentials: INodeCredentialsDetails): StoredCredential {
		const stored = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (!stored) throw new Error(`Credential ${nodeCredentials.id} not found`);
		return stored;
	}
}

/**
 * Resolves a value of the credential type's own (its test request) against `$credentials`, as n8n
 * does when it tests a credential.
 */
export function resolveWithCredentials(nodeTypes: INodeTypes, value: string, credentials: ICredentialDataDecryptedObject): unknown {
	const node: INode = { id: 'cred', name: 'cred', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getComplexParameterValue(node, value, 'internal', { $credentials: credentials } as never);
}
