import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { emulatorCredential, type Emulator } from '../harness/emulator';
import { PollHarness, type Host } from '../harness/poll';

/** What the trigger attack tests (refactor-trigger*.attack.test.ts) share: records, clock, emails, polls. */
export const MACLEAD = '5725767000000502001';
export const KAYLEIGH = '5725767000000502007';
export const H = 3_600_000;
export const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
export const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
/** Zoho's clock set to the current whole second. */
export const clock = (e: Emulator) => {
	const t = Math.floor(Date.now() / 1000) * 1000;
	e.setClock(t);
	return t;
};
export const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

export type Crm = {
	addEmails: (m: string, r: string, e: IDataObject[]) => IDataObject[];
	openEmail: (m: string, r: string, id: string, times?: number) => unknown;
	bounceEmail: (m: string, r: string, id: string) => unknown;
	replyToEmail: (m: string, r: string, id: string) => { message_id: string };
};
export const crm = (e: Emulator) => e.data.crm as unknown as Crm;
/** A sent (or received) email on a contact, dated `ms` on Zoho's clock; returns its message ID. */
export const addAt = (e: Emulator, record: string, ms: number, fields: IDataObject): string =>
	String(crm(e).addEmails('Contacts', record, [{ subject: 'x', to: [{ user_name: 'Ana', email: 'ana@example.com' }], time: iso(ms), ...fields }])[0].message_id);

export const params = (records: string[], extra: IDataObject = {}): INodeParameters => ({
	source: 'crmRecords',
	module: rl('Contacts', 'list'),
	records: { record: records.map((id) => ({ recordId: rl(id) })) },
	...extra,
});
export const harness = (e: Emulator, p: INodeParameters, host: Host, saved?: IDataObject, budgetMs?: number) => {
	const h = new PollHarness({ parameters: p, credential: emulatorCredential(e), host, typeVersion: 1.1, saved, budgetMs });
	if (saved) h.saved = structuredClone(saved);
	return h;
};
export async function ok(h: PollHarness): Promise<IDataObject[]> {
	const out = await h.poll();
	if (out.error) throw out.error;
	return out.items.map((i) => i.json);
}
export const brief = (items: IDataObject[]) => items.map((i) => (i.event ? [i.event, i.message_id] : ['email', i.id]));
export const singleReads = (e: Emulator) => (e.requests({ product: 'crm' }) as IDataObject[]).filter((r) => /\/Emails\/[^/]+$/.test(String(r.path)) && r.method === 'GET').length;
