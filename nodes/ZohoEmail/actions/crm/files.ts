import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { MB, readBinaryFiles } from '../../helpers/binary';
import { refusal } from '../../helpers/validation';
import { nameListOf, pathSegment } from '../../helpers/names';
import { apiHostOf, type MultipartFile } from '../../transport';
import { uploadFiles } from '../upload';
import { attachmentIdsOf } from './buildMail';

/** Zoho's limits: 20 MB per uploaded file, 10 MB of attachments per email (Zoho's CRM Upload Files, Send Mail and Associate Email pages). */
export const MAX_FILE_BYTES = 20 * MB;
const MAX_MAIL_ATTACHMENT_BYTES = 10 * MB;

/** Files read from the item, checked, not yet uploaded. */
export interface CrmFiles {
	attachmentIds: string[];
	attachments: MultipartFile[];
	inline: Array<{ property: string; file: MultipartFile }>;
}

/** How inline images are written into the content; the two CRM endpoints document different forms. */
export type InlineStyle = 'send' | 'associate';

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `src="cid:NAME"` (either quote) inside an img tag. */
function cidPattern(property: string): RegExp {
	return new RegExp(`(<img\\b[^>]*\\bsrc\\s*=\\s*["'])cid:${escapeRegExp(property)}(["'][^>]*>)`, 'gi');
}

/**
 * Reads the attachments and inline images an item asks for and checks them against Zoho's limits,
 * before any request: each file ≤ 20 MB, attachments ≤ 10 MB in total, each inline image an image
 * that the HTML content refers to as `cid:<property>`.
 */
export async function readCrmFiles(
	this: IExecuteFunctions,
	i: number,
	fields: IDataObject,
	content: string,
	mailFormat: string,
): Promise<CrmFiles> {
	const attachments = await readBinaryFiles.call(this, i, fields.binaryPropertyNames, {
		field: 'file',
		parameter: 'Attachments (Binary Properties)',
		maxFileBytes: MAX_FILE_BYTES,
		maxTotalBytes: MAX_MAIL_ATTACHMENT_BYTES,
	});
	const inlineNames = nameListOf(this, fields.inlineImages, 'Inline Images (Binary Properties)', i);
	if (inlineNames.length && mailFormat !== 'html') {
		throw refusal(
			this,
			i,
			'Inline images need the HTML mail format',
			'Set "Mail Format" to HTML, or remove "Inline Images (Binary Properties)"',
		);
	}
	for (const name of inlineNames) {
		if (!cidPattern(name).test(content)) {
			throw refusal(
				this,
				i,
				`Inline image "${name}" is not used in "Content"`,
				`Refer to it in the HTML content as <img src="cid:${name}">`,
			);
		}
	}
	const images = await readBinaryFiles.call(this, i, inlineNames, {
		field: 'file',
		parameter: 'Inline Images (Binary Properties)',
		maxFileBytes: MAX_FILE_BYTES,
	});
	images.forEach((file, index) => {
		if (!file.contentType.startsWith('image/')) {
			throw refusal(
				this,
				i,
				`Binary property "${inlineNames[index]}" is not an image`,
				`Inline images must be images; "${file.filename}" is ${file.contentType}`,
			);
		}
	});
	return {
		attachmentIds: attachmentIdsOf(this, fields.attachmentIds, i),
		attachments,
		inline: images.map((file, index) => ({ property: inlineNames[index], file })),
	};
}

/**
 * Uploads the files (attachments in one `/files` call, inline images in one `/files?type=inline`
 * call) and returns the attachment list and the content with the image links filled in.
 */
export async function uploadCrmFiles(
	this: IExecuteFunctions,
	i: number,
	files: CrmFiles,
	content: string,
	style: InlineStyle,
): Promise<{ attachments: Array<{ id: string; name?: string }>; content: string }> {
	const uploaded = await uploadFiles.call(this, 'crm', files.attachments, i);
	const attachments: Array<{ id: string; name?: string }> = [
		...files.attachmentIds.map((id) => ({ id })),
		...uploaded.map((u) => (style === 'associate' ? { id: u.id, name: u.name } : { id: u.id })),
	];
	if (files.inline.length === 0) return { attachments, content };
	const images = await uploadFiles.call(
		this,
		'crm',
		files.inline.map((f) => f.file),
		i,
		true,
	);
	// Zoho's inline image link for send_mail: `https://<api-domain>/crm/viewInLineImage?fileContent={id}` (Zoho's CRM Send Mail page).
	const base = style === 'send' ? await apiHostOf.call(this, 'crm') : '';
	let html = content;
	files.inline.forEach(({ property }, index) => {
		// The ID comes from Zoho's upload answer and goes into a URL: encoded, never a path of its own.
		const id = pathSegment(this, images[index].id, 'an inline image ID', i);
		html = html.replace(cidPattern(property), (_tag, start: string, end: string) => {
			if (style === 'send') return `${start}${base}/crm/viewInLineImage?fileContent=${id}${end}`;
			// associate_email's documented form: <img class="ZCrmImage" src="crm/img_id:{id}"> (Zoho's CRM Associate Email page).
			const tag = `${start}crm/img_id:${id}${end}`;
			return /\bclass\s*=/i.test(tag) ? tag : tag.replace(/^<img\b/i, '<img class="ZCrmImage"');
		});
	});
	return { attachments, content: html };
}
