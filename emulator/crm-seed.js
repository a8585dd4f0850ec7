// @ts-check
'use strict';

const { crmTime } = require('./zoho-time');
const { moduleMeta, makeEmail, insertEmails, generateEmails, seedHex } = require('./crm-model');
const { blockAddress } = require('./crm-unblock');

/**
 * Demo data for CRM and Bigin (fixed ids, documented in emulator/README.md). Built fresh by a function so
 * reset() gets an untouched copy.
 */

const CRM = '5725767000000'; // the demo CRM org's id prefix (19-digit record ids)
const BIGIN = '6120845000000';

/** @param {string} iso */
const at = (iso) => Date.parse(iso);

/**
 * Common system fields of a record.
 * @param {{ id: string, name: string, email: string }} owner
 * @param {string} created ISO time
 * @param {string} modified ISO time
 */
function sys(owner, created, modified) {
	return {
		Owner: { name: owner.name, id: owner.id, email: owner.email },
		Created_Time: crmTime(at(created)),
		Modified_Time: crmTime(at(modified)),
		Last_Activity_Time: crmTime(at(modified)),
	};
}

/** @param {string} first @param {string} last */
const person = (first, last) => ({ First_Name: first, Last_Name: last, Full_Name: `${first} ${last}` });

function createCrmStore() {
	const user = { id: `${CRM}411001`, name: 'Patricia Boyle', email: 'patricia.boyle@zylker.com', admin: true };
	const rajesh = { id: `${CRM}411013`, name: 'Rajesh Kumar', email: 'rajesh.kumar@zylker.com', admin: false };
	const mail = { sendMail: true, emails: true, associate: true };
	const inv = { ...mail, inventory: true };
	const modules = [
		moduleMeta('Leads', 'Lead', 'Leads', `${CRM}002175`, mail),
		moduleMeta('Contacts', 'Contact', 'Contacts', `${CRM}002179`, mail),
		moduleMeta('Accounts', 'Account', 'Accounts', `${CRM}002177`, mail),
		moduleMeta('Deals', 'Deal', 'Deals', `${CRM}002181`, mail),
		moduleMeta('Quotes', 'Quote', 'Quotes', `${CRM}002185`, inv),
		moduleMeta('Sales_Orders', 'Sales Order', 'Sales Orders', `${CRM}002187`, inv),
		moduleMeta('Purchase_Orders', 'Purchase Order', 'Purchase Orders', `${CRM}002189`, inv),
		moduleMeta('Invoices', 'Invoice', 'Invoices', `${CRM}002191`, inv),
		moduleMeta('Cases', 'Case', 'Cases', `${CRM}002193`, { sendMail: true }),
		moduleMeta('CustomModule1', 'Project', 'Projects', `${CRM}289001`, { ...mail, generated_type: 'custom' }),
		moduleMeta('Tasks', 'Task', 'Tasks', `${CRM}002183`),
		moduleMeta('Products', 'Product', 'Products', `${CRM}002195`),
		moduleMeta('Vendors', 'Vendor', 'Vendors', `${CRM}002197`),
		moduleMeta('Visits', 'Visit', 'Visits', `${CRM}002199`, { api_supported: false }),
	];
	const u = user;
	const acc = (/** @type {string} */ id, /** @type {string} */ name) => ({ id: `${CRM}${id}`, name });
	const rangoni = acc('503001', 'Rangoni Of Florence');
	const chemel = acc('503003', 'Chemel Industries');
	const maclead = { id: `${CRM}502001`, name: 'Christopher Maclead' };
	const records = {
		Leads: [
			{ id: `${CRM}501001`, ...person('Kris', 'Marrier'), Email: 'kris.marrier@kingchristopher.example', Company: 'King Christopher Ltd', Phone: '+1 555 0100', Lead_Status: 'Contacted', Lead_Source: 'Web Site', ...sys(u, '2024-03-04T09:12:00Z', '2025-05-20T10:00:00Z') },
			{ id: `${CRM}501003`, ...person('Mitsue', 'Tollner'), Email: 'mitsue.tollner@morlong.example', Company: 'Morlong Associates', Phone: '+1 555 0101', Lead_Status: 'Not Contacted', Lead_Source: 'Trade Show', ...sys(u, '2024-06-11T14:30:00Z', '2024-06-11T14:30:00Z') },
			{ id: `${CRM}501005`, ...person('Lenna', 'Paprocki'), Email: 'lenna@feltzprinting.example', Company: 'Feltz Printing Service', Phone: '+1 555 0102', Lead_Status: 'Attempted to Contact', Lead_Source: 'Cold Call', ...sys(rajesh, '2024-09-01T08:00:00Z', '2025-02-14T12:45:00Z') },
		],
		Contacts: [
			{ id: maclead.id, ...person('Christopher', 'Maclead'), Email: 'christopher.maclead@rangoni.example', Secondary_Email: 'c.maclead@gmail.example', Phone: '+39 055 123 4567', Account_Name: rangoni, Email_Opt_Out: false, ...sys(u, '2023-11-02T10:00:00Z', '2025-06-01T09:30:00Z') },
			{ id: `${CRM}502003`, ...person('Sage', 'Wieser'), Email: 'sage.wieser@truhlar.example', Phone: '+1 555 0111', Account_Name: rangoni, Email_Opt_Out: false, ...sys(u, '2024-01-15T11:00:00Z', '2025-04-02T16:20:00Z') },
			{ id: `${CRM}502005`, ...person('Leota', 'Dilliard'), Email: 'leota@commercialpress.example', Phone: '+1 555 0112', Account_Name: chemel, Email_Opt_Out: true, ...sys(u, '2024-02-20T09:00:00Z', '2024-12-09T13:10:00Z') },
			{ id: `${CRM}502007`, ...person('Kayleigh', 'Lace'), Email: 'kayleigh.lace@chemel.example', Phone: '+1 555 0113', Account_Name: chemel, Email_Opt_Out: false, ...sys(rajesh, '2025-01-08T15:00:00Z', '2025-01-08T15:00:00Z') },
		],
		Accounts: [
			{ id: rangoni.id, Account_Name: rangoni.name, Website: 'https://rangoni.example', Phone: '+39 055 765 4321', Industry: 'Manufacturing', ...sys(u, '2023-10-01T08:00:00Z', '2025-05-30T08:00:00Z') },
			{ id: chemel.id, Account_Name: chemel.name, Website: 'https://chemel.example', Phone: '+1 555 0199', Industry: 'Chemicals', ...sys(u, '2024-02-01T08:00:00Z', '2025-03-03T08:00:00Z') },
		],
		Deals: [
			{ id: `${CRM}504001`, Deal_Name: 'Rangoni - 200 Widgets', Stage: 'Proposal/Price Quote', Amount: 48000, Contact_Name: maclead, Account_Name: rangoni, Closing_Date: '2025-07-31', ...sys(u, '2025-02-10T10:00:00Z', '2025-06-02T10:00:00Z') },
			{ id: `${CRM}504003`, Deal_Name: 'Chemel - Annual Support', Stage: 'Qualification', Amount: 12500, Contact_Name: { id: `${CRM}502007`, name: 'Kayleigh Lace' }, Account_Name: chemel, Closing_Date: '2025-09-30', ...sys(rajesh, '2025-03-01T10:00:00Z', '2025-03-15T10:00:00Z') },
		],
		Quotes: [{ id: `${CRM}505001`, Subject: 'Q-1001 Widgets for Rangoni', Quote_Stage: 'Delivered', Grand_Total: 48000, Contact_Name: maclead, Account_Name: rangoni, Deal_Name: { id: `${CRM}504001`, name: 'Rangoni - 200 Widgets' }, ...sys(u, '2025-03-01T09:00:00Z', '2025-03-02T09:00:00Z') }],
		Sales_Orders: [{ id: `${CRM}507001`, Subject: 'SO-2001 Widgets', Status: 'Created', Grand_Total: 48000, Contact_Name: maclead, Account_Name: rangoni, ...sys(u, '2025-04-01T09:00:00Z', '2025-04-01T09:00:00Z') }],
		Purchase_Orders: [{ id: `${CRM}508001`, Subject: 'PO-3001 Steel sheets', Status: 'Created', Grand_Total: 9200, Vendor_Name: { id: `${CRM}512001`, name: 'Acme Steel' }, Contact_Name: { id: `${CRM}502007`, name: 'Kayleigh Lace' }, ...sys(u, '2025-04-05T09:00:00Z', '2025-04-06T09:00:00Z') }],
		Invoices: [{ id: `${CRM}506001`, Subject: 'INV-4001 Widgets', Status: 'Created', Grand_Total: 48000, Contact_Name: maclead, Account_Name: rangoni, ...sys(u, '2025-04-10T09:00:00Z', '2025-04-10T09:00:00Z') }],
		Cases: [{ id: `${CRM}509001`, Subject: 'Widget arrived damaged', Status: 'New', Case_Origin: 'Email', Email: 'christopher.maclead@rangoni.example', Contact_Name: maclead, ...sys(u, '2025-05-02T09:00:00Z', '2025-05-02T09:00:00Z') }],
		CustomModule1: [{ id: `${CRM}510001`, Name: 'Website Redesign', Email: 'projects@rangoni.example', Project_Status: 'In Progress', ...sys(u, '2025-01-20T09:00:00Z', '2025-05-25T09:00:00Z') }],
		Tasks: [{ id: `${CRM}511001`, Subject: 'Call Christopher about delivery', Status: 'Not Started', ...sys(u, '2025-05-01T09:00:00Z', '2025-05-01T09:00:00Z') }],
		Products: [{ id: `${CRM}513001`, Product_Name: 'Widget Pro', Unit_Price: 240, ...sys(u, '2023-09-01T09:00:00Z', '2023-09-01T09:00:00Z') }],
		Vendors: [{ id: `${CRM}512001`, Vendor_Name: 'Acme Steel', Email: 'orders@acmesteel.example', ...sys(u, '2023-09-01T09:00:00Z', '2023-09-01T09:00:00Z') }],
	};
	const tpl = (/** @type {string} */ id, /** @type {string} */ name, /** @type {string} */ module, /** @type {string} */ subject) => ({
		id: `${CRM}${id}`,
		name,
		subject,
		module: { api_name: module, id: /** @type {any} */ (modules.find((m) => m.api_name === module)).id },
		folder: { name: 'Public Email Templates', id: `${CRM}430000` },
		created_by: { name: u.name, id: u.id },
		modified_by: { name: u.name, id: u.id },
		created_time: crmTime(at('2024-01-10T09:00:00Z')),
		modified_time: crmTime(at('2025-01-10T09:00:00Z')),
		last_usage_time: crmTime(at('2025-05-10T09:00:00Z')),
		editor_mode: 'rich_text',
		favorite: false,
		associated: true,
		consent_linked: false,
		category: 'email_template',
		description: null,
		attachments: [],
		last_version_statistics: { tracked: 12, delivered: 11, opened: 8, bounced: 1, sent: 12, clicked: 3 },
		content: `<div>Hello \${${module}.First_Name},</div><div>${subject}</div><div>Regards,<br/>\${Users.Full_Name}</div>`,
	});
	const itpl = (/** @type {string} */ id, /** @type {string} */ name, /** @type {string} */ module) => ({
		id: `${CRM}${id}`,
		name,
		module: { api_name: module, id: /** @type {any} */ (modules.find((m) => m.api_name === module)).id },
		folder: { name: 'Inventory Templates', id: `${CRM}440000` },
		category: 'default',
		active: true,
		editor_mode: 'gallery',
		favorite: false,
		created_time: crmTime(at('2024-01-10T09:00:00Z')),
		modified_time: crmTime(at('2024-06-10T09:00:00Z')),
		last_usage_time: crmTime(at('2025-04-10T09:00:00Z')),
		created_by: { name: u.name, id: u.id },
		modified_by: { name: u.name, id: u.id },
	});
	const crm = {
		user,
		users: [user, rajesh],
		modules,
		records,
		emails: /** @type {Record<string, any[]>} */ ({}),
		fromAddresses: [
			{ user_name: 'Patricia Boyle', type: 'primary', email: 'patricia.boyle@zylker.com', id: null, default: true },
			{ user_name: 'Patricia Boyle', type: 'imap', email: 'patricia.zylker@gmail.example', default: false },
			{ user_name: 'Zylker Sales', id: `${CRM}420001`, type: 'org_email', email: 'sales@zylker.com', default: false },
		],
		emailTemplates: [
			tpl('430001', 'Welcome - New Lead', 'Leads', 'Thanks for your interest in Zylker'),
			tpl('430003', 'Follow-up after demo', 'Contacts', 'Great speaking with you today'),
			tpl('430005', 'Account check-in', 'Accounts', 'Quarterly check-in'),
			tpl('430007', 'Proposal sent', 'Deals', 'Your proposal from Zylker'),
			tpl('430009', 'Quote follow-up', 'Quotes', 'Following up on your quote'),
			tpl('430011', 'Project kickoff', 'CustomModule1', 'Project kickoff'),
		],
		inventoryTemplates: [
			itpl('440001', 'Standard Quote', 'Quotes'),
			itpl('440003', 'Standard Sales Order', 'Sales_Orders'),
			itpl('440005', 'Standard Purchase Order', 'Purchase_Orders'),
			itpl('440007', 'Standard Invoice', 'Invoices'),
		],
		files: new Map(),
		cursors: new Map(),
		/** Addresses blocked after a bounce (emulator/crm-unblock.js), by lower-case address. */
		blocked: new Map(),
	};
	seedCrmEmails(crm);
	// Kris's seeded mail bounced ("Temporarily blocked"): the address stays blocked until unblocked.
	blockAddress(crm, 'kris.marrier@kingchristopher.example');
	return crm;
}

/** @param {any} crm */
function seedCrmEmails(crm) {
	const find = (/** @type {string} */ m, /** @type {string} */ id) => crm.records[m].find((/** @type {any} */ r) => r.id === `${CRM}${id}`);
	generateEmails(crm, 'Contacts', find('Contacts', '502001'), 37, at('2024-01-05T04:30:00Z'));
	const sage = find('Contacts', '502003');
	const sageAddr = { user_name: sage.Full_Name, email: sage.Email };
	const me = { user_name: crm.user.name, email: crm.user.email };
	const pdf = { id: seedHex('att:proposal', 64), name: 'proposal.pdf', size: 24792, contentType: 'application/pdf', data: Buffer.alloc(24792, 37) };
	const mk = (/** @type {string} */ label, /** @type {Record<string, any>} */ f) => makeEmail(crm, { message_id: seedHex(label, 64), ...f });
	insertEmails(crm, 'Contacts', sage.id, [
		mk('sage:1', { _ts: at('2025-03-01T06:00:00Z'), subject: 'Proposal attached', to: [sageAddr], _attachments: [pdf], status: [{ type: 'opened', first_open: crmTime(at('2025-03-01T07:00:00Z')), last_open: crmTime(at('2025-03-02T07:00:00Z')), count: '3' }], intent: 'purchase', sentiment_info: 'positive', emotion: 'gratitude' }),
		mk('sage:2', { _ts: at('2025-03-03T06:00:00Z'), subject: 'Re: Proposal attached', sent: false, from: sageAddr, to: [me], read: false }),
		mk('sage:3', { _ts: Date.parse('2030-01-15T04:30:00Z'), subject: 'Renewal reminder', to: [sageAddr], _category: 'scheduled' }),
		mk('sage:4', { _ts: at('2025-03-05T06:00:00Z'), subject: 'Draft: pricing', to: [sageAddr], _category: 'draft' }),
	]);
	const kris = find('Leads', '501001');
	const krisAddr = { user_name: kris.Full_Name, email: kris.Email };
	insertEmails(crm, 'Leads', kris.id, [
		mk('kris:1', { _ts: at('2023-10-30T05:49:42Z'), subject: 'Introduction to Zylker', to: [krisAddr], status: [{ type: 'bounced', bounced_time: crmTime(at('2023-11-03T02:40:58Z')), bounced_reason: 'Retries Exhausted. Host not reachable.', category: 'Temporarily blocked', sub_category: 'Temporary Domain Failure' }] }),
		mk('kris:2', { _ts: at('2023-12-06T06:25:16Z'), subject: 'Following up', to: [krisAddr] }),
	]);
	insertEmails(crm, 'Deals', `${CRM}504001`, [
		mk('deal:1', { _ts: at('2025-05-28T08:00:00Z'), subject: 'Revised pricing for 200 widgets', to: [{ user_name: 'Christopher Maclead', email: 'christopher.maclead@rangoni.example' }], linked_record: { id: `${CRM}502001`, name: 'Christopher Maclead', module: { api_name: 'Contacts', id: `${CRM}002179` } } }),
	]);
	insertEmails(crm, 'Accounts', `${CRM}503001`, [mk('acct:1', { _ts: at('2025-05-01T08:00:00Z'), subject: 'Welcome to Zylker support', to: [{ user_name: 'Rangoni Of Florence', email: 'info@rangoni.example' }] })]);
	insertEmails(crm, 'CustomModule1', `${CRM}510001`, [mk('proj:1', { _ts: at('2025-05-25T08:00:00Z'), subject: 'Kickoff agenda', to: [{ user_name: 'Rangoni Projects', email: 'projects@rangoni.example' }] })]);
}

function createBiginStore() {
	const user = { id: `${BIGIN}311001`, name: 'Amelia Burrows', email: 'amelia.burrows@zylker.com', admin: true };
	const u = user;
	const mail = { sendMail: true };
	const acme = { id: `${BIGIN}603001`, name: 'Acme Landscaping' };
	return {
		user,
		modules: [
			moduleMeta('Contacts', 'Contact', 'Contacts', `${BIGIN}000101`, mail),
			moduleMeta('Pipelines', 'Pipeline', 'Pipelines', `${BIGIN}000103`, mail),
			moduleMeta('Accounts', 'Company', 'Companies', `${BIGIN}000105`, mail),
			moduleMeta('Products', 'Product', 'Products', `${BIGIN}000107`),
			moduleMeta('Tasks', 'Task', 'Tasks', `${BIGIN}000109`),
		],
		records: {
			Contacts: [
				{ id: `${BIGIN}601001`, ...person('Jason', 'Smith'), Email: 'jason.smith@acmelandscaping.example', Mobile: '+1 555 0140', Account_Name: acme, ...sys(u, '2024-05-01T09:00:00Z', '2025-05-01T09:00:00Z') },
				{ id: `${BIGIN}601003`, ...person('Maria', 'Gonzalez'), Email: 'maria@bluebirdbakery.example', Mobile: '+1 555 0141', ...sys(u, '2024-07-01T09:00:00Z', '2025-02-01T09:00:00Z') },
				{ id: `${BIGIN}601005`, ...person('Tom', 'Becker'), Email: 'tom.becker@acmelandscaping.example', Account_Name: acme, ...sys(u, '2025-01-01T09:00:00Z', '2025-01-01T09:00:00Z') },
			],
			Pipelines: [
				{ id: `${BIGIN}602001`, Deal_Name: 'Acme - Spring maintenance', Stage: 'Proposal', Amount: 3200, Pipeline: { name: 'Sales Pipeline', id: `${BIGIN}000201` }, Sub_Pipeline: 'Sales Pipeline Standard', Contact_Name: { id: `${BIGIN}601001`, name: 'Jason Smith' }, Account_Name: acme, ...sys(u, '2025-03-01T09:00:00Z', '2025-05-10T09:00:00Z') },
			],
			Accounts: [{ id: acme.id, Account_Name: acme.name, Website: 'https://acmelandscaping.example', Phone: '+1 555 0150', ...sys(u, '2024-05-01T09:00:00Z', '2025-04-01T09:00:00Z') }],
			Products: [{ id: `${BIGIN}604001`, Product_Name: 'Lawn care plan', Unit_Price: 99, ...sys(u, '2024-01-01T09:00:00Z', '2024-01-01T09:00:00Z') }],
			Tasks: [{ id: `${BIGIN}605001`, Subject: 'Send spring offer', Status: 'Open', ...sys(u, '2025-04-01T09:00:00Z', '2025-04-01T09:00:00Z') }],
		},
		fromAddresses: [
			{ user_name: 'Amelia Burrows', type: 'primary', email: 'amelia.burrows@zylker.com', id: null, default: true },
			{ user_name: 'Zylker Support', id: `${BIGIN}320001`, type: 'org_email', email: 'support@zylker.com', default: false },
		],
		files: new Map(),
	};
}

module.exports = { createCrmStore, createBiginStore, CRM_PREFIX: CRM, BIGIN_PREFIX: BIGIN };
