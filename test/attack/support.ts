import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../trigger/helpers';

/** The emulator members the shared helper type leaves out. */
export type Emu = Omit<Emulator, 'data'> & {
	data: Emulator['data'] & { crm: Emulator['data']['crm'] & { records: (module: string) => IDataObject[] } };
	setLatency: (ms: number) => void;
	expireTokens: () => void;
	stats: () => { refreshes: number; tooManyRequests: number; inFlightMax: number };
	issueToken: (opts?: { scopes?: string[] | string; expiresIn?: number }) => IDataObject;
};

/** Token endpoint requests the emulator saw (successful or refused). */
export function tokenRequests(emu: Emulator): number {
	return emu.requests({ product: 'accounts' }).filter((r) => r.path === '/oauth/v2/token').length;
}

/** A fixed Zoho clock, on a whole second. */
export const T0 = Math.floor(Date.UTC(2030, 0, 15, 10, 0, 0) / 1000) * 1000;

export function ids(items: Array<{ json: IDataObject }>): string[] {
	return items.map((i) => String(i.json.message_id));
}

/** Each value of `list` that occurs more than once. */
export function duplicates(list: string[]): string[] {
	const seen = new Set<string>();
	const twice = new Set<string>();
	for (const v of list) (seen.has(v) ? twice : seen).add(v);
	return [...twice];
}
