/**
 * Zoho Bigin's modules as this package uses them. Bigin only offers sending (Zoho's Bigin Send Mail page): Zoho documents
 * no API to list a record's emails or to associate one.
 */

export interface BiginModule {
	/** API name; Companies' is Accounts. */
	apiName: string;
	label: string;
	description?: string;
	/** The fields the record picker asks for; the first names the record. */
	pickerFields: string[];
}

/** The only Bigin modules whose records can send mail, in the order the picker shows them. */
export const BIGIN_MODULES: BiginModule[] = [
	{
		apiName: 'Accounts',
		label: 'Companies',
		description: 'Company records (API name Accounts)',
		pickerFields: ['Account_Name'],
	},
	{ apiName: 'Contacts', label: 'Contacts', pickerFields: ['Full_Name', 'First_Name', 'Last_Name', 'Email'] },
	{
		apiName: 'Pipelines',
		label: 'Pipelines',
		description: 'Deals in a pipeline',
		pickerFields: ['Deal_Name', 'Stage'],
	},
];

export const BIGIN_SEND_MODULES = BIGIN_MODULES.map((m) => m.apiName);
