import type { BooksCredentialOption } from '../models/scopes';
import { oncePerExecution } from './scope';
import { CREDENTIAL_NAME, type ZohoFunctions } from './types';

/**
 * Whether an opt-in permission option of the credential is on. Operations get this yes/no only, never
 * the credential: a request that needs the permission is refused before it is sent when the option is off.
 */
export async function credentialOptionOn(ctx: ZohoFunctions, option: BooksCredentialOption): Promise<boolean> {
	return await oncePerExecution(ctx, `credentialOption:${option}`, async () => {
		const credential = await ctx.getCredentials(CREDENTIAL_NAME);
		return credential[option] === true;
	});
}
