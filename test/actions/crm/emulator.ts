import type { INodeParameters } from 'n8n-workflow';

import { requestsTo, type Emulator, type LoggedRequest } from '../../harness/emulator';

export { emulatorCredential, runExample, useEmulator, type Emulator, type LoggedRequest } from '../../harness/emulator';

/** Seed IDs of the emulator's demo CRM org. */
export const SEED = {
	maclead: '5725767000000502001', // Contact with 37 emails
	sage: '5725767000000502003', // Contact with an attachment, a reply, a scheduled mail and a draft
	leota: '5725767000000502005', // Contact with Email Opt Out
	kris: '5725767000000501001', // Lead
	rangoni: '5725767000000503001', // Account
	deal: '5725767000000504001',
	quote: '5725767000000505001',
	patricia: '5725767000000411001', // the token's user (admin)
	rajesh: '5725767000000411013',
	contactsTemplate: '5725767000000430003',
	quoteInventoryTemplate: '5725767000000440001',
};

/** The CRM requests the node made: method, path, query and parsed body, in order. */
export function crmRequests(emu: Emulator): LoggedRequest[] {
	return requestsTo(emu, 'crm');
}

/** A resource locator value. */
export const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

/** Node parameters for one CRM operation on a record given by ID. */
export function crmParameters(operation: string, module: string, recordId: string, rest: INodeParameters = {}): INodeParameters {
	return { resource: 'crmEmail', operation, module: rl('name', module), recordId: rl('id', recordId), ...rest };
}

