import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MultipartFile } from '../transport';
import { isHeaderSafeContentType } from '../transport/multipart';
import { refusal } from './validation';
import { nameListOf } from './names';

export const MB = 1024 * 1024;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export interface BinaryLimits {
	/** The multipart part name each file goes into (`file` for CRM/Bigin, `attachments` for Books). */
	field: string;
	/** The node parameter the property names came from, for error messages. */
	parameter: string;
	maxFileBytes?: number;
	maxTotalBytes?: number;
}

/**
 * Reads the item's binary properties named in a comma-separated list and checks Zoho's size limits
 * before any request, naming the item and the property that breaks them.
 */
export async function readBinaryFiles(
	this: IExecuteFunctions,
	itemIndex: number,
	propertyNames: unknown,
	limits: BinaryLimits,
): Promise<MultipartFile[]> {
	const names = nameListOf(this, propertyNames, limits.parameter, itemIndex);
	const files: MultipartFile[] = [];
	let total = 0;
	for (const name of names) {
		const meta = this.helpers.assertBinaryData(itemIndex, name);
		const data = await this.helpers.getBinaryDataBuffer(itemIndex, name);
		const filename = meta.fileName ?? `${name}${meta.fileExtension ? `.${meta.fileExtension}` : ''}`;
		if (limits.maxFileBytes !== undefined && data.length > limits.maxFileBytes) {
			throw refusal(
				this,
				itemIndex,
				`The file in binary property "${name}" is larger than ${limits.maxFileBytes / MB} MB`,
				`"${filename}" is ${(data.length / MB).toFixed(1)} MB; Zoho accepts at most ${limits.maxFileBytes / MB} MB per file`,
				{ parameter: limits.parameter },
			);
		}
		total += data.length;
		if (limits.maxTotalBytes !== undefined && total > limits.maxTotalBytes) {
			throw new NodeOperationError(
				this.getNode(),
				`The attachments of item ${itemIndex} exceed ${limits.maxTotalBytes / MB} MB in total`,
				{
					itemIndex,
					description: `Adding binary property "${name}" brings the total to ${(total / MB).toFixed(1)} MB; Zoho accepts at most ${limits.maxTotalBytes / MB} MB of attachments per email (parameter "${limits.parameter}").`,
				},
			);
		}
		const contentType = meta.mimeType || 'application/octet-stream';
		// The MIME type and file name become multipart part headers: a line break there would add a header.
		if (!isHeaderSafeContentType(contentType)) {
			throw refusal(
				this,
				itemIndex,
				`The file in binary property "${name}" has an invalid MIME type`,
				'A MIME type such as application/pdf or text/plain; charset=utf-8 is needed, on one line',
				{ parameter: limits.parameter },
			);
		}
		if (CONTROL.test(filename)) {
			throw refusal(
				this,
				itemIndex,
				`The file name in binary property "${name}" contains a line break or control character`,
				'Rename the file',
				{ parameter: limits.parameter },
			);
		}
		files.push({ field: limits.field, filename, contentType, data });
	}
	return files;
}
