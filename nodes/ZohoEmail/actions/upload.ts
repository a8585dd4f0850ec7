import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MultipartFile } from '../transport';
import { zohoRequest } from '../transport';

/**
 * Uploads files to the CRM or Bigin file store in ONE call (the `file` part repeats, Zoho's CRM and
 * Bigin Upload Files pages) and returns their encrypted IDs in the same order. `inline` uploads images for HTML content.
 */
export async function uploadFiles(
	this: IExecuteFunctions,
	product: 'crm' | 'bigin',
	files: MultipartFile[],
	itemIndex: number,
	inline = false,
): Promise<Array<{ id: string; name: string }>> {
	if (files.length === 0) return [];
	const { body } = await zohoRequest.call(this, {
		product,
		method: 'POST',
		path: '/files',
		qs: inline ? { type: 'inline' } : undefined,
		multipart: { fields: {}, files: files.map((f) => ({ ...f, field: 'file' })) },
		itemIndex,
		action: 'upload the attachments',
		kind: 'upload',
	});
	const results = (body.data as IDataObject[] | undefined) ?? [];
	const uploaded = results.map((r, index) => ({
		id: String(((r.details ?? {}) as IDataObject).id ?? ''),
		name: String(((r.details ?? {}) as IDataObject).name ?? files[index]?.filename ?? ''),
	}));
	if (uploaded.length !== files.length || uploaded.some((u) => !u.id)) {
		throw new NodeOperationError(this.getNode(), 'Zoho did not return an ID for every uploaded file', { itemIndex });
	}
	return uploaded;
}
