import { ExecutionLifecycleHooks, PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { ZohoEmailTrigger } from '../../nodes/ZohoEmail/ZohoEmailTrigger.node';
import { HarnessCredentialsHelper } from './credentials';
import { nodeTypes, registerNodeType } from './nodeTypes';

export const TRIGGER_TYPE = 'n8n-nodes-zoho-email.zohoEmailTrigger';
registerNodeType(TRIGGER_TYPE, new ZohoEmailTrigger());

const CREDENTIAL_ID = 'zohoEmulatorCred';
const NODE_NAME = 'Zoho Email Trigger';

/**
 * How the host keeps the node's static data between polls:
 * - `n8n2`: n8n 2.x stages it per poll (`__runPoll` + `resolveNodeStaticData`) and commits it only after
 *   the poll succeeded (`__emit` of items, or `__commitCursor` for an empty poll); a thrown poll's
 *   changes are dropped.
 * - `n8n2durable`: as `n8n2`, but the first poll is the activation poll, which n8n 2.x's durable
 *   scheduler runs as a test poll: n8n itself commits nothing when it returns no items.
 * - `n8n1`: n8n 1.x hands the poll the live, long-lived workflow object (changes made by a failing poll
 *   stay in memory for the next poll), has no poll budget, and saves to the database when it emits.
 */
export type Host = 'n8n2' | 'n8n2durable' | 'n8n1';

export interface PollOutcome {
	items: INodeExecutionData[];
	error?: Error;
	/** The node's static data as the host holds it after the poll. */
	staticData: IDataObject;
}

export interface PollHarnessOptions {
	parameters: INodeParameters;
	credential: ICredentialDataDecryptedObject;
	host?: Host;
	budgetMs?: number;
	/** The static data n8n had saved: a harness built from it is the trigger after a restart of n8n. */
	saved?: IDataObject;
	/** The node's version as saved in the workflow (1 unless given: the trigger's first version). */
	typeVersion?: number;
}

/**
 * Resolving the credential's expressions takes a few milliseconds and a poll asks several times per
 * request; the answer only changes when the stored data does (a token refresh), so it is kept until then.
 */
class CachingCredentialsHelper extends HarnessCredentialsHelper {
	private cache = new Map<string, ICredentialDataDecryptedObject>();

	async getDecrypted(...args: Parameters<HarnessCredentialsHelper['getDecrypted']>): Promise<ICredentialDataDecryptedObject> {
		const [, details, type, , , raw] = args;
		const key = JSON.stringify([details.id, type, raw, this.store.get(details.id ?? '')?.data]);
		const hit = this.cache.get(key);
		if (hit) return structuredClone(hit);
		const value = await super.getDecrypted(...args);
		this.cache.clear();
		this.cache.set(key, structuredClone(value));
		return value;
	}
}

function additionalData(credentialsHelper: HarnessCredentialsHelper): IWorkflowExecuteAdditionalData {
	const workflowData = { id: 'zohoTriggerTest', name: 'trigger', nodes: [], connections: {} } as unknown as IWorkflowBase;
	return {
		credentialsHelper,
		hooks: new ExecutionLifecycleHooks('trigger', 'poll-execution', workflowData),
		executionId: 'poll-execution',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		currentNodeExecutionIndex: 0,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Drives the trigger's poll() through n8n-core's real PollContext, keeping static data like n8n does. */
export class PollHarness {
	readonly host: Host;

	readonly credentials = new CachingCredentialsHelper(nodeTypes);

	/** The credential's ID in this harness (one n8n instance; a restart is a new harness). */
	readonly credentialId: string;

	/** What n8n would have saved to its database. */
	saved: IDataObject = {};

	polls = 0;

	private readonly workflow: Workflow;

	private readonly node: INode;

	constructor(private readonly options: PollHarnessOptions) {
		this.host = options.host ?? 'n8n2';
		this.credentialId = `${CREDENTIAL_ID}-${this.credentials.instance}`;
		this.credentials.add({ id: this.credentialId, name: 'Zoho (emulator)', type: 'zohoEmailOAuth2Api', data: options.credential });
		this.node = {
			id: 'trigger-1',
			name: NODE_NAME,
			type: TRIGGER_TYPE,
			typeVersion: options.typeVersion ?? 1,
			position: [0, 0],
			parameters: options.parameters,
			credentials: { zohoEmailOAuth2Api: { id: this.credentialId, name: 'Zoho (emulator)' } },
		};
		this.saved = structuredClone(options.saved ?? {});
		this.workflow = new Workflow({ id: 'zohoTriggerTest', nodes: [this.node], connections: {}, active: true, nodeTypes, staticData: structuredClone(this.saved) });
	}

	/** One poll, as n8n runs it on schedule (`trigger`) or for "Fetch test event" (`manual`). */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollOutcome> {
		this.polls++;
		const key = `node:${NODE_NAME}`;
		const staged: IDataObject = structuredClone((this.saved[key] as IDataObject | undefined) ?? {});
		const emitted: INodeExecutionData[][][] = [];
		const commit = () => {
			if (mode === 'manual') return;
			this.saved[key] = structuredClone(this.host !== 'n8n1' ? staged : { ...this.workflow.getStaticData('node', this.node) });
		};
		const resolve = this.host !== 'n8n1' ? () => staged : () => this.workflow.getStaticData('node', this.node);
		const activationPoll = this.polls === 1;
		const ctx = new PollContext(
			this.workflow,
			this.node,
			additionalData(this.credentials),
			mode,
			mode === 'manual' ? 'manual' : this.polls === 1 ? 'activate' : 'init',
			(data) => {
				emitted.push(data);
				commit();
			},
			() => undefined,
			// 1.x has no cursor commit: an empty poll's changes live on in memory only.
			async () => {
				if (this.host !== 'n8n1') commit();
			},
			async (run) => await run(),
			resolve,
			() => this.options.budgetMs ?? 5 * 60_000,
		);
		if (this.host === 'n8n1') (ctx as unknown as { getPollBudgetMs?: unknown }).getPollBudgetMs = undefined;
		const type = nodeTypes.getByNameAndVersion(TRIGGER_TYPE) as ZohoEmailTrigger;
		let error: Error | undefined;
		try {
			const result = await type.poll.call(ctx);
			if (result !== null) ctx.__emit(result);
			else if (mode !== 'manual' && !(this.host === 'n8n2durable' && activationPoll)) await ctx.__commitCursor?.();
		} catch (e) {
			// Neither host saves a failed poll's data; 1.x keeps whatever the node changed in memory.
			error = e as Error;
		}
		const staticData = structuredClone((this.saved[key] as IDataObject | undefined) ?? {});
		return { items: emitted.flat(2), error, staticData };
	}

	/** Size in bytes of the node's saved static data (JSON). */
	stateBytes(): number {
		return JSON.stringify(this.saved[`node:${NODE_NAME}`] ?? {}).length;
	}
}

export { emulatorCredential } from './emulator';
