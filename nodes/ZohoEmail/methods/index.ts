import { getCrmEmailTemplates, getCrmInventoryTemplates, searchCrmFromAddresses, searchCrmModules } from './crm';

export const listSearch = { searchCrmModules, searchCrmFromAddresses };

export const loadOptions = { getCrmEmailTemplates, getCrmInventoryTemplates };
