/** The one uploaded file of a multipart import request (field `file`), or a clear 400 naming the field. */
import type { FastifyRequest } from 'fastify';
import { FuwuError } from '../domain/shared/errors.ts';

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
  return { name: file.filename, bytes: await file.toBuffer() };
}
