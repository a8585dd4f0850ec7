import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { emulatorCredential, PollHarness, type Host } from '../harness/poll';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEmulator } = require('../../emulator') as { startEmulator: () => Promise<Emulator> };

export interface EmulatorRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	status: number;
}

export interface Emulator {
	url: string;
	clientId: string;
	clientSecret: string;
	issueToken: () => unknown;
	requests: (filter?: { product?: string; method?: string; pathPrefix?: string }) => EmulatorRequest[];
	clearRequests: () => void;
	reset: () => void;
	addFault: (fault: { method?: string; path?: string | RegExp; query?: Record<string, string | boolean>; status?: number; body?: unknown; times?: number; headers?: Record<string, string>; kind?: string; delayMs?: number }) => void;
	clearFaults: () => void;
	setClock: (ms: number | null) => void;
	setLimits: (limits: Record<string, number | null>) => void;
	data: {
		store: { crm: { emails: Record<string, IDataObject[]> } };
		crm: {
			addEmails: (module: string, recordId: string, emails: number | IDataObject[]) => IDataObject[];
			record: (module: string, id: string) => IDataObject;
		};
		books: {
			transactions: (orgId: string, entity: string) => IDataObject[];
		};
	};
	stop: () => Promise<void>;
}

export const CRM = '5725767000000';
export const MACLEAD = `${CRM}502001`;
export const SAGE = `${CRM}502003`;
export const KAYLEIGH = `${CRM}502007`;
export const BOOKS_ORG = '10234695';

export async function startZoho(): Promise<Emulator> {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
	return await startEmulator();
}

export function crmRecordsParameters(recordIds: string[], extra: INodeParameters = {}): INodeParameters {
	return {
		source: 'crmRecords',
		module: { __rl: true, mode: 'name', value: 'Contacts' },
		records: { record: recordIds.map((value) => ({ recordId: { __rl: true, mode: 'id', value } })) },
		...extra,
	};
}

export function harness(emu: Emulator, parameters: INodeParameters, host: Host = 'n8n2', budgetMs?: number, saved?: IDataObject): PollHarness {
	return new PollHarness({ parameters, credential: emulatorCredential(emu), host, budgetMs, saved });
}

/** Whole seconds, as Zoho's times are. */
export function second(ms: number): number {
	return Math.floor(ms / 1000) * 1000;
}

/** Adds one email at an exact time to a Contacts record; returns its message_id. */
export function addEmailAt(emu: Emulator, recordId: string, timeMs: number, fields: IDataObject = {}, module = 'Contacts'): string {
	const [email] = emu.data.crm.addEmails(module, recordId, [{ time: new Date(timeMs).toISOString(), subject: `Email at ${timeMs}`, ...fields }]);
	return String(email.message_id);
}

/** The emulator's log as `METHOD path?query` lines (the access-token refresh excluded). */
export function requestLines(emu: Emulator): string[] {
	return emu
		.requests()
		.filter((r) => !r.path.startsWith('/oauth'))
		.map((r) => {
			const query = new URLSearchParams(r.query).toString();
			return `${r.method} ${r.path}${query ? `?${query}` : ''}`;
		});
}

export function messageIds(items: Array<{ json: IDataObject }>): string[] {
	return items.map((i) => String(i.json.message_id));
}
