import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/*
 * The n8n editor shows an error's message as text but its description as HTML: it turns `text` in
 * backticks into code, then keeps only a few tags (p, br, code, ul, li, …) and drops every other one.
 * So "Name <name@example.com>" lost its address on screen, and the description's lines ran together
 * into one paragraph. Descriptions are written as plain text, one fact per line; they become HTML
 * only where the editor shows them: the action node's error (actions/router.ts, not when it runs as
 * an AI agent's tool, whose error text stays plain) and the trigger's (ZohoEmailTrigger.node.ts). An
 * item's error under Continue On Fail is data, and stays plain.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '`': '&#96;' };

/** Plain text as the editor's HTML: characters escaped, each line on a line of its own. */
export function editorHtml(text: string): string {
	return text
		.replace(/[&<>`]/g, (c) => ESCAPES[c])
		.split(/\r?\n/)
		.join('<br>');
}

const SHOWN = new WeakSet<object>();

/** The error with its description as the editor's HTML, converted once however often it is thrown. */
export function forEditor<E>(error: E): E {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError) || SHOWN.has(error)) return error;
	if (typeof error.description === 'string' && error.description) error.description = editorHtml(error.description);
	SHOWN.add(error);
	return error;
}
