/**
 * What Zoho's error codes mean to a user and what they can do about it, per product (Zoho's documented
 * causes): errors.ts turns a failure into words with these tables.
 */

/** What a CRM or Bigin error code means to a user, and what they can do about it. */
export const CRM_CODES: Record<string, [string, string?]> = {
	INVALID_TOKEN: [
		'Zoho rejected the access token',
		'n8n refreshes the token once automatically. If this persists, reconnect the credential. Zoho allows only 10 token refreshes per 10 minutes per connection.',
	],
	OAUTH_SCOPE_MISMATCH: [
		'the credential lacks the Zoho permission (OAuth scope) for this request',
		'Open the credential, select the product under Products and reconnect so Zoho grants the missing scopes.',
	],
	AUTHENTICATION_FAILURE: ['Zoho could not authenticate the request', 'Reconnect the credential.'],
	INVALID_MODULE: [
		'the module does not exist or does not support this operation',
		'Use the module API name (e.g. Contacts, Sales_Orders, or a custom module).',
	],
	INVALID_DATA: [
		'Zoho rejected a value',
		'Record IDs, sender addresses, attachment IDs and template IDs must exist in Zoho.',
	],
	MANDATORY_NOT_FOUND: ['a required field is missing', 'Fill in the sender and at least one recipient.'],
	REQUIRED_PARAM_MISSING: ['a required parameter is missing'],
	DUPLICATE_DATA: [
		'this email is already associated with the record (same original message ID)',
		'Turn on "Treat Duplicate as Success" to make re-runs idempotent.',
	],
	NOT_ALLOWED: [
		'Zoho does not allow this email',
		'The recipient may have opted out or not given consent, the address may be blocked after a bounce (CRM Email → Unblock Email Address lifts a soft-bounce block), a Deal may have no contact email, or the edition may not support it.',
	],
	LIMIT_EXCEEDED: [
		'the daily email limit of your Zoho edition has been reached',
		"Zoho resets the count daily in your organization's time zone.",
	],
	FILE_SIZE_EXCEEDS: ["the attachments exceed Zoho's 10 MB limit per email"],
	FILE_SIZE_MORE_THAN_ALLOWED_SIZE: ["a file exceeds Zoho's 20 MB upload limit"],
	failure_in_attachment_handling: ['Zoho could not process the attachment'],
	VIRUS_DETECTED: ['Zoho found a virus in the attachment'],
	CUSTOM_ERROR: [
		"Zoho could not connect to the sender's mail server (SMTP)",
		'Check the mailbox configured for the sender in Zoho, or send with the organization email.',
	],
	FEATURE_NOT_SUPPORTED: [
		'your Zoho edition does not support this',
		'Scheduling emails is not available on Free or trial editions.',
	],
	RECORD_LOCKED: ['the record is locked', 'Unlock the record in Zoho or wait for its approval process to finish.'],
	NO_PERMISSION: [
		'permission denied',
		'The record may have "Email Opt Out" set, or the Zoho user lacks permission for this action.',
	],
	INVALID_URL_PATTERN: ['Zoho does not know this URL', 'Check the module and record ID.'],
	INVALID_REQUEST_METHOD: ['Zoho does not accept this request method here'],
	API_NOT_SUPPORTED: ['this Zoho API version is not supported for your account'],
	TOO_MANY_REQUESTS: [
		"Zoho's API limit was reached (daily credits or concurrent requests)",
		"Wait and retry, lower the node's concurrency, or raise your Zoho API limits.",
	],
	CANNOT_PROCESS: [
		'Zoho cannot read this mailbox right now',
		'The mailbox may be syncing, deleted or disconnected; see the details.',
	],
	STORAGE_SPACE_EXCEEDS: ['your Zoho storage space is full', 'Free up storage in Zoho CRM or ask your administrator.'],
	// Zoho's associate_email page spells the code with a space (Zoho's CRM Associate Email page).
	'STORAGE_ SPACE_EXCEEDS': [
		'your Zoho storage space is full',
		'Free up storage in Zoho CRM or ask your administrator.',
	],
	AUTHORIZATION_FAILED: ['Zoho refused to store the file', 'The Zoho user may lack permission to upload files.'],
	INTERNAL_ERROR: ['Zoho had an internal error'],
	INTERNAL_SERVER_ERROR: ['Zoho had an internal error'],
};

/** What a Zoho Books error code means to a user, and what they can do about it. */
export const BOOKS_CODES: Record<string, [string, string?]> = {
	'14': ['Zoho Books could not authenticate the request', 'Reconnect the credential.'],
	'57': [
		'Zoho Books refused the request: the token expired, or the credential lacks the permission (scope)',
		'Select Zoho Books under Products in the credential and reconnect.',
	],
	'1000': ['Zoho Books had an internal error'],
	'1002': ['the record does not exist in this organization', 'Check the ID and the organization.'],
	'1038': ['Zoho Books could not read the request (JSON is not well formed)'],
	'429': [
		"Zoho Books' API limit was reached",
		'Books allows 100 requests per minute per organization and a daily quota per plan.',
	],
	'45': ["Zoho Books' API limit was reached"],
	// Seen only in third-party material (a third-party article, not Zoho's errors page): UNCONFIRMED, mapped on the code alone.
	'1005': ['no recipient address was accepted', 'Enter at least one valid address in "To".'],
	'6041': [
		'this Zoho user has no access to the chosen Books organization',
		'Pick the organization from the list, or leave it empty for your default one.',
	],
};
