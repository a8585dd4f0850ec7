import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MultipartFile } from '../transport';

export const MB = 1024 * 1024;

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
	const names = String(propertyNames ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	const files: MultipartFile[] = [];
	let total = 0;
	for (const name of names) {
		const meta = this.helpers.assertBinaryData(itemIndex, name);
		const data = await this.helpers.getBinaryDataBuffer(itemIndex, name);
		const filename = meta.fileName ?? `${name}${meta.fileExtension ? `.${meta.fileExtension}` : ''}`;
		if (limits.maxFileBytes !== undefined && data.length > limits.maxFileBytes) {
			throw new NodeOperationError(this.getNode(), `The file in binary property "${name}" is larger than ${limits.maxFileBytes / MB} MB`, {
				itemIndex,
				description: `"${filename}" is ${(data.length / MB).toFixed(1)} MB; Zoho accepts at most ${limits.maxFileBytes / MB} MB per file (parameter "${limits.parameter}", item ${itemIndex}).`,
			});
		}
		total += data.length;
		if (limits.maxTotalBytes !== undefined && total > limits.maxTotalBytes) {
			throw new NodeOperationError(this.getNode(), `The attachments of item ${itemIndex} exceed ${limits.maxTotalBytes / MB} MB in total`, {
				itemIndex,
				description: `Adding binary property "${name}" brings the total to ${(total / MB).toFixed(1)} MB; Zoho accepts at most ${limits.maxTotalBytes / MB} MB of attachments per email (parameter "${limits.parameter}").`,
			});
		}
		files.push({ field: limits.field, filename, contentType: meta.mimeType || 'application/octet-stream', data });
	}
	return files;
}
