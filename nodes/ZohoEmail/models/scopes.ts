import type { ZohoProduct } from '../transport/dataCenters';
import productScopes from './scopes.json';

/**
 * The OAuth scopes each product's operations need (reference §2), nothing more; the credential requests
 * them and the emulator's default tokens carry exactly them (one list, `scopes.json`).
 * CRM associate_email needs ZohoCRM.modules.emails.ALL and the module's ALL scope (seed 003), and
 * custom modules cannot be listed in advance, hence ZohoCRM.modules.ALL.
 */
export const PRODUCT_SCOPES: Record<ZohoProduct, string[]> = productScopes;
