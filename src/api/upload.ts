/** The one uploaded file of a multipart import request (field `file`), or a clear 400 naming the field. */
import type { FastifyRequest } from 'fastify';
import { MAX_UPLOAD_BYTES } from '../app/files/read-table.ts';
import { FuwuError, invalidField } from '../domain/shared/errors.ts';

const MB = MAX_UPLOAD_BYTES / 1024 / 1024;

export async function uploadedFile(request: FastifyRequest): Promise<{ name: string; bytes: Uint8Array }> {
  const file = await request.file();
  if (!file) {
    throw new FuwuError(
      'invalid_input',
      '请选择要导入的文件（字段 file）',
      'choose a file to import (field `file`)',
      [{ field: 'file', zh: '缺少文件', en: 'missing' }],
    );
  }
  try {
    return { name: file.filename, bytes: await file.toBuffer() };
  } catch (e) {
    // The multipart limit stops reading at the limit; said like the import's own size check.
    if ((e as { code?: unknown } | null)?.code === 'FST_REQ_FILE_TOO_LARGE')
      throw invalidField(
        'file',
        `文件超过 ${MB} MB：${file.filename}`,
        `file larger than ${MB} MB: ${file.filename}`,
      );
    throw e;
  }
}
