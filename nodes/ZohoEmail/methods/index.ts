import {
	getCrmEmailTemplates,
	getCrmInventoryTemplates,
	searchCrmFromAddresses,
	searchCrmModules,
	searchCrmRecordEmails,
	searchCrmRecords,
} from './crm';
import { searchBiginFromAddresses, searchBiginRecords } from './bigin';
import { searchBooksContacts, searchBooksOrganizations, searchBooksSenders, searchBooksTransactions } from './books';

export const listSearch = {
	searchCrmModules,
	searchCrmFromAddresses,
	searchCrmRecords,
	searchCrmRecordEmails,
	searchBiginRecords,
	searchBiginFromAddresses,
	searchBooksOrganizations,
	searchBooksContacts,
	searchBooksTransactions,
	searchBooksSenders,
};

export const loadOptions = { getCrmEmailTemplates, getCrmInventoryTemplates };
