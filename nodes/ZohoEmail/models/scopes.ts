import type { ZohoProduct } from '../transport/dataCenters';
import productScopes from './scopes.json';

/**
 * The OAuth scopes each product's operations need (Zoho's API pages, each naming its scope), nothing more; the credential requests
 * them and the emulator's default tokens carry exactly them (one list, `scopes.json`).
 * CRM associate_email needs ZohoCRM.modules.emails.ALL and the module's ALL scope (Zoho's CRM Associate Email page), and
 * custom modules cannot be listed in advance, hence ZohoCRM.modules.ALL.
 */
export const PRODUCT_SCOPES: Record<ZohoProduct, string[]> = {
	crm: productScopes.crm,
	bigin: productScopes.bigin,
	books: productScopes.books,
};

/** A credential option that adds opt-in Books scopes (`booksOptional` in scopes.json). */
export type BooksCredentialOption = 'booksCancelScheduledEmails';

/**
 * Books scopes requested only when the user turns on the credential option of the same name: cancelling
 * a scheduled invoice email needs ZohoBooks.invoices.DELETE (Zoho's API pages, each naming its scope), a delete permission most
 * users should not grant by default.
 */
export const BOOKS_OPTIONAL_SCOPES: Record<BooksCredentialOption, string[]> = productScopes.booksOptional;
