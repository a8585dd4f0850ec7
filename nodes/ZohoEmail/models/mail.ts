/** Email facts shared by Zoho CRM and Bigin. */

/** Zoho's `mail_format` values (the options of "Mail Format", descriptions/mail.ts). */
export const MAIL_FORMATS = ['html', 'text'] as const;
