import { getCrmEmailTemplates, getCrmInventoryTemplates, searchCrmFromAddresses, searchCrmModules, searchCrmRecords } from './crm';
import { searchBiginFromAddresses, searchBiginRecords } from './bigin';
import { searchBooksContacts, searchBooksOrganizations, searchBooksTransactions } from './books';

export const listSearch = { searchCrmModules, searchCrmFromAddresses, searchCrmRecords, searchBiginRecords, searchBiginFromAddresses, searchBooksOrganizations, searchBooksContacts, searchBooksTransactions };

export const loadOptions = { getCrmEmailTemplates, getCrmInventoryTemplates };
