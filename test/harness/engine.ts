/**
 * Runs the package's nodes in n8n-core's own engine (WorkflowExecute), the way n8n does: the tests
 * (test/) and the benchmarks (bench/) both run workflows through it.
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionBaseError,
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials';
import { nodeTypes } from './nodeTypes';

export const CREDENTIAL_ID = 'zohoCred0000001';

/** A workflow in n8n's JSON shape (what the editor exports). */
export interface WorkflowJson {
	nodes: INode[];
	connections: IWorkflowBase['connections'];
}

export interface RunResult {
	run: IRun;
	status: IRun['status'];
	/** Output items of each node by name (first run, main output 0). */
	output: Record<string, INodeExecutionData[]>;
	error?: IRun['data']['resultData']['error'];
	credentials: HarnessCredentialsHelper;
}

function additionalDataFor(credentialsHelper: HarnessCredentialsHelper, workflowData: IWorkflowBase): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', workflowData);
	return {
		credentialsHelper,
		hooks,
		executionId: 'test-execution',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formBaseUrl: 'http://127.0.0.1/formBaseUrl',
		formWaitingBaseUrl: 'http://127.0.0.1/formWaitingBaseUrl',
		formTestBaseUrl: 'http://127.0.0.1/formTestBaseUrl',
		webhookBaseUrl: 'http://127.0.0.1/webhookBaseUrl',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhookWaitingBaseUrl',
		webhookTestBaseUrl: 'http://127.0.0.1/webhookTestBaseUrl',
		mcpBaseUrl: 'http://127.0.0.1/mcpBaseUrl',
		mcpTestBaseUrl: 'http://127.0.0.1/mcpTestBaseUrl',
		currentNodeExecutionIndex: 0,
		variables: {},
		logAiEvent: () => undefined,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Runs a workflow JSON through n8n-core's WorkflowExecute, as n8n does for a manual execution. */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	credential: ICredentialDataDecryptedObject,
	options: { timezone?: string; credentials?: HarnessCredentialsHelper } = {},
): Promise<RunResult> {
	const settings = { executionOrder: 'v1' as const, ...(options.timezone ? { timezone: options.timezone } : {}) };
	// Executions given one store share the credential, as executions of one n8n instance do.
	const credentials = options.credentials ?? new HarnessCredentialsHelper(nodeTypes);
	// The credential's ID is the store's own, as two n8n instances' credentials never share state.
	const credentialId = `${CREDENTIAL_ID}-${credentials.instance}`;
	if (!credentials.store.has(credentialId)) credentials.add({ id: credentialId, name: 'Zoho (emulator)', type: 'zohoEmailOAuth2Api', data: credential });
	workflowJson = {
		...workflowJson,
		nodes: workflowJson.nodes.map((node) =>
			node.credentials?.zohoEmailOAuth2Api?.id === CREDENTIAL_ID ? { ...node, credentials: { zohoEmailOAuth2Api: { id: credentialId, name: 'Zoho (emulator)' } } } : node,
		),
	};
	const workflowData = {
		id: 'test-workflow',
		name: 'test',
		active: false,
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		nodeTypes,
		settings,
	});
	const additionalData = additionalDataFor(credentials, workflowData);
	const start = workflowJson.nodes.find((n) => nodeTypes.getByNameAndVersion(n.type).description.inputs.length === 0);
	let run: IRun;
	try {
		run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: start });
	} catch (error) {
		// n8n refuses a workflow whose nodes have parameter issues before running any node.
		const refused = error as ExecutionBaseError;
		run = { status: 'error', mode: 'manual', startedAt: new Date(), storedAt: 'db', data: { resultData: { runData: {}, error: refused } } } as unknown as IRun;
	}
	const output: Record<string, INodeExecutionData[]> = {};
	for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
		output[name] = tasks[0]?.data?.main?.[0] ?? [];
	}
	return { run, status: run.status, output, error: run.data.resultData.error, credentials };
}

export interface ZohoNodeRun {
	parameters: INodeParameters;
	items?: IDataObject[];
	credential: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** The workflow's time zone (Settings → Timezone); n8n's default otherwise. */
	timezone?: string;
	/** A credential store shared with other executions (see sharedCredentials). */
	credentials?: HarnessCredentialsHelper;
	/** The node's version as saved in the workflow (1 unless given). */
	typeVersion?: number;
}

/** "Items → Zoho Email": the smallest workflow that runs the node on given input items. */
export function zohoWorkflow({ parameters, items = [{}], continueOnFail, typeVersion = 1 }: Omit<ZohoNodeRun, 'credential'>): WorkflowJson {
	return {
		nodes: [
			{ id: 'n1', name: 'Items', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(items) } },
			{
				id: 'n2',
				name: 'Zoho Email',
				type: 'n8n-nodes-zoho-email.zohoEmail',
				typeVersion,
				position: [200, 0],
				parameters,
				credentials: { zohoEmailOAuth2Api: { id: CREDENTIAL_ID, name: 'Zoho (emulator)' } },
				...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: { Items: { main: [[{ node: 'Zoho Email', type: 'main', index: 0 }]] } },
	};
}

export async function runZohoNode(run: ZohoNodeRun): Promise<RunResult & { items: INodeExecutionData[] }> {
	const result = await runWorkflow(zohoWorkflow(run), run.credential, { timezone: run.timezone, credentials: run.credentials });
	return { ...result, items: result.output['Zoho Email'] ?? [] };
}

/** Calls a list-search or load-options method through n8n-core's LoadOptionsContext. */
export async function loadOptions(
	kind: 'listSearch' | 'loadOptions',
	method: string,
	parameters: INodeParameters,
	credential: ICredentialDataDecryptedObject,
	filter?: string,
): Promise<unknown> {
	const credentials = new HarnessCredentialsHelper(nodeTypes);
	const credentialId = `${CREDENTIAL_ID}-${credentials.instance}`;
	credentials.add({ id: credentialId, name: 'Zoho (emulator)', type: 'zohoEmailOAuth2Api', data: credential });
	const node: INode = {
		id: 'n2',
		name: 'Zoho Email',
		type: 'n8n-nodes-zoho-email.zohoEmail',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { zohoEmailOAuth2Api: { id: credentialId, name: 'Zoho (emulator)' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = additionalDataFor(credentials, { nodes: [node], connections: {} } as unknown as IWorkflowBase);
	(additionalData as { currentNodeParameters?: INodeParameters }).currentNodeParameters = parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const type = nodeTypes.getByNameAndVersion(node.type) as unknown as { methods: Record<string, Record<string, (this: unknown, f?: string) => Promise<unknown>>> };
	return await type.methods[kind][method].call(context, filter);
}

/** One credential store for several executions, as one n8n instance keeps it (a renewed token is seen by all). */
export function sharedCredentials(): HarnessCredentialsHelper {
	return new HarnessCredentialsHelper(nodeTypes);
}
