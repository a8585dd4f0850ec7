// n8n-core bundles its own copies of these: its contexts' `this.logger` comes from that container.
import { Logger } from 'n8n-core/node_modules/@n8n/backend-common';
import { Container } from 'n8n-core/node_modules/@n8n/di';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { runZohoNode } from '../harness/engine';
import { emulatorCredential, rl, SEED, type Emulator } from '../actions/crm/emulator';

export { SEED, type Emulator };

/** A seeded contact with no emails (the sends land on it). */
export const KAYLEIGH = '5725767000000502007';

export const SEND_PATH = /\/actions\/send_mail$/;
export const EMAILS_PATH = /\/Emails$/;

/** Every line the node and n8n-core log while a test runs (n8n's Logger and n8n-workflow's LoggerProxy). */
export function captureLogs(): () => string[] {
	const lines: string[] = [];
	const record = (level: string) => (message: unknown, meta?: unknown) => {
		lines.push(`${level} ${String(message)} ${meta === undefined ? '' : JSON.stringify(meta)}`);
	};
	const capture = { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') };
	const scoped = () => capture;
	let original: Logger | undefined;
	beforeAll(() => {
		original = Container.get(Logger);
		Container.set(Logger, { ...capture, scoped } as unknown as Logger);
		LoggerProxy.init(capture as never);
	});
	beforeEach(() => {
		lines.length = 0;
	});
	afterAll(() => {
		if (original) Container.set(Logger, original);
	});
	return () => [...lines];
}

/** Parameters of a CRM send whose recipient comes from the item, so each email is traceable to its item. */
export function crmSend(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'crmEmail',
		operation: 'send',
		module: rl('name', 'Contacts'),
		recordId: rl('id', KAYLEIGH),
		from: rl('address', 'Patricia Boyle <patricia.boyle@zylker.com>'),
		to: '={{ $json.to }}',
		subject: 'Fault test',
		content: 'Hello',
		...extra,
	};
}

export const recipients = (n: number): IDataObject[] => Array.from({ length: n }, (_, i) => ({ to: `item${i}@example.com` }));

export interface Accounting {
	/** Items whose email the emulator accepted exactly once and whose output carries its message ID. */
	sent: number[];
	/** Items reported as failed, with the error text. */
	failed: Array<{ item: number; error: string; description: string }>;
	/** Items neither sent nor reported failed (lost), or sent without saying so. */
	lost: number[];
	/** Emails the emulator accepted more than once for the same item. */
	duplicates: number[];
}

/**
 * Accounts for every input item of a CRM send run with "Continue On Fail": the output of item i is
 * paired with i, and either carries the message ID of the one email the emulator accepted for i, or an
 * error (and then the emulator accepted none, unless `mayHaveGone` allows the "may have gone out" case).
 */
export function account(emu: Emulator, items: INodeExecutionData[], count: number): Accounting {
	const mails = emu.mails().filter((m: IDataObject) => m.product === 'crm') as Array<{ messageId: string; payload: { to: Array<{ email: string }> } }>;
	const byItem = new Map<number, string[]>();
	for (const m of mails) {
		const item = Number(/^item(\d+)@/.exec(m.payload.to[0].email)?.[1]);
		byItem.set(item, [...(byItem.get(item) ?? []), m.messageId]);
	}
	const result: Accounting = { sent: [], failed: [], lost: [], duplicates: [] };
	for (let i = 0; i < count; i++) {
		const out = items.filter((item) => (item.pairedItem as { item: number }).item === i);
		const accepted = byItem.get(i) ?? [];
		if (accepted.length > 1) result.duplicates.push(i);
		const json = out[0]?.json ?? {};
		if (out.length === 1 && json.error) {
			result.failed.push({ item: i, error: String(json.error), description: String(json.description ?? '') });
		} else if (out.length === 1 && accepted.length === 1 && json.message_id === accepted[0]) {
			result.sent.push(i);
		} else {
			result.lost.push(i);
		}
	}
	return result;
}

/** Every secret the run could leak: the credential's and every token the emulator handed out. */
export function secretsOf(emu: Emulator, credential: IDataObject): string[] {
	const token = credential.oauthTokenData as IDataObject;
	const secrets = [String(token.access_token), String(token.refresh_token), String(credential.clientSecret)];
	for (const r of emu.requests({ product: 'accounts' }) as Array<{ response: IDataObject | null }>) {
		if (r.response?.access_token) secrets.push(String(r.response.access_token));
	}
	return secrets;
}

/** Runs a CRM send batch with "Continue On Fail" and returns the run plus what could leak a token. */
export async function sendBatch(emu: Emulator, count: number, extra: INodeParameters = {}, credential = emulatorCredential(emu)) {
	const result = await runZohoNode({ parameters: crmSend(extra), items: recipients(count), credential, continueOnFail: true });
	return { ...result, credential, accounting: account(emu, result.items, count) };
}

/** The run data, errors and log lines as one text, to search for secrets. */
export function everythingSaid(result: { run: unknown; error?: unknown; items: INodeExecutionData[] }, logs: string[]): string {
	const error = result.error as { message?: string; description?: string; stack?: string } | undefined;
	return [JSON.stringify(result.run), JSON.stringify(result.items), error?.message, error?.description, error?.stack, JSON.stringify(error ?? null), ...logs].join('\n');
}

export function expectNoSecrets(text: string, secrets: string[]): void {
	for (const secret of secrets) expect(text.includes(secret)).toBe(false);
	expect(text).not.toMatch(/Zoho-oauthtoken \S|Bearer 1000\./);
}
