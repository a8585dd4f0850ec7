/**
 * Zoho CRM's modules as this package uses them: which support which email operation, and the field
 * that names a record. Used by the action node, the trigger and the pickers (methods/).
 */

/** Modules whose records can send mail (Zoho's CRM Send Mail page). */
export const CRM_SEND_MODULES = [
	'Leads',
	'Contacts',
	'Deals',
	'Accounts',
	'Sales_Orders',
	'Purchase_Orders',
	'Invoices',
	'Quotes',
	'Cases',
];
/** Modules that can have emails associated and listed (Zoho's CRM Associate Email and Get Emails of a Record pages). */
export const CRM_EMAIL_MODULES = [
	'Leads',
	'Contacts',
	'Deals',
	'Accounts',
	'Quotes',
	'Invoices',
	'Sales_Orders',
	'Purchase_Orders',
];
/** Modules whose records hold drafts (Zoho's Create Email Drafts page; custom modules too). */
export const CRM_DRAFT_MODULES = [
	'Leads',
	'Contacts',
	'Deals',
	'Accounts',
	'Sales_Orders',
	'Purchase_Orders',
	'Invoices',
	'Quotes',
	'Cases',
];
/** Modules whose send_mail takes an inventory template PDF. */
export const CRM_INVENTORY_MODULES = ['Quotes', 'Sales_Orders', 'Purchase_Orders', 'Invoices'];

/** The field that names a record in each standard module; custom modules use `Name`. */
export const CRM_NAME_FIELDS: Record<string, string> = {
	Leads: 'Full_Name',
	Contacts: 'Full_Name',
	Accounts: 'Account_Name',
	Deals: 'Deal_Name',
	Quotes: 'Subject',
	Sales_Orders: 'Subject',
	Purchase_Orders: 'Subject',
	Invoices: 'Subject',
	Cases: 'Subject',
};
/** Modules whose records carry an `Email` field the record picker shows. */
export const CRM_EMAIL_FIELD_MODULES = ['Leads', 'Contacts'];
