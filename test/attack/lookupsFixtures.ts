/** What the attacks on the action node's per-execution lookups share: Zoho's answers and the node's parameters. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type nock from 'nock';

import { ZohoEmail } from '../../nodes/ZohoEmail/ZohoEmail.node';
import { crmSendParameters } from '../harness/fixtures';
import { registerNodeType } from '../harness/nodeTypes';

export const API = 'https://www.zohoapis.com';
export const CONTACT = '3652397000000624001';
export const SEND_PATH = `/crm/v8/Contacts/${CONTACT}/actions/send_mail`;
export const QUOTE_SEND_PATH = `/crm/v8/Quotes/${CONTACT}/actions/send_mail`;
export const TEMPLATE_PATH = '/crm/v8/settings/inventory_templates/4000000000001';
export const FROM_PATH = '/crm/v8/settings/emails/actions/from_addresses';
export const GIVEN = 'Patricia Boyle <p.boyle@example.com>';
export const TOOL_TYPE = 'n8n-nodes-zoho-email.zohoEmailTool';
registerNodeType(TOOL_TYPE, new ZohoEmail());

export const sent = { data: [{ code: 'SUCCESS', details: { message_id: 'm1' }, message: 'Your mail has been sent successfully.', status: 'success' }] };
export const refusedSenders = { code: 'NO_PERMISSION', details: {}, message: 'permission denied', status: 'error' };
export const senders = { from_addresses: [{ user_name: 'Primary Sender', type: 'primary', email: 'primary@example.com', default: true }] };

/** CRM Send with From left empty: every item needs the primary sender, looked up. */
export function parameters(requestsInFlight: number): INodeParameters {
	return crmSendParameters({ from: { __rl: true, mode: 'address', value: '' }, performance: { requestsInFlight } });
}

/** CRM Send of a Quote, From given, with each item's inventory template (`tpl`; empty: none, no lookup). */
export function templateParameters(requestsInFlight: number): INodeParameters {
	return crmSendParameters({
		module: { __rl: true, mode: 'name', value: 'Quotes' },
		additionalFields: { inventoryTemplateId: '={{ $json.tpl }}' },
		performance: { requestsInFlight },
	});
}

export type Sent = { from?: IDataObject };

/** Answers every send_mail with success and records each body's sender. */
export function acceptSends(scope: nock.Scope, bodies: Sent[], path = SEND_PATH): nock.Scope {
	return scope
		.post(path, (body: { data: Sent[] }) => {
			bodies.push(body.data[0]);
			return true;
		})
		.times(10)
		.reply(200, sent);
}


export const TPL = '4000000000001';
