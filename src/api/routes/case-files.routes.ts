/**
 * Case files over HTTP (issue 6 §1–2): attachments (multipart upload, list, download) and the
 * escalation run. Thin: the use cases check who may do what and every field; here the multipart
 * plugin's own refusals (too large, a second file, not multipart) become the same 400 naming `file`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { runEscalations } from '../../app/cases/escalate-cases.ts';
import { downloadAttachment, listAttachments } from '../../app/cases/read-attachments.ts';
import type { AttachmentUpload } from '../../app/cases/upload-attachment.ts';
import { uploadAttachment } from '../../app/cases/upload-attachment.ts';
import type { AppContext } from '../../app/context.ts';
import { MAX_ATTACHMENT_BYTES } from '../../domain/cases/attachment-rules.ts';
import type { FuwuError } from '../../domain/shared/errors.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import { requireActor } from '../auth.ts';

const tags = ['cases'];
const caseId = z.object({ id: z.string().min(1).max(60) });
const MiB = MAX_ATTACHMENT_BYTES / 1024 / 1024;

/** The multipart parser's errors, said as the rules say them. */
function multipartRefusal(e: unknown): FuwuError | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return invalidField(
      'file',
      `文件过大，每个文件不超过 ${MiB} MiB`,
      `the file is too large: at most ${MiB} MiB`,
    );
  if (code === 'FST_FILES_LIMIT')
    return invalidField('file', '每次只能上传一个文件', 'send one file per request');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_PARTS_LIMIT')
    return invalidField(
      'file',
      '请以 multipart/form-data 上传，文件放在字段 file 中',
      'send multipart/form-data with the file in the field `file`',
    );
  return null;
}

/** The `file` part and the optional `material` field, in whichever order they come. */
async function readUpload(request: FastifyRequest): Promise<AttachmentUpload> {
  let file: { fileName: string; bytes: Uint8Array } | null = null;
  let material: string | null = null;
  try {
    // One byte over the rule's limit is enough to know the file is too large.
    for await (const part of request.parts({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file') file = { fileName: part.filename, bytes };
      } else if (part.fieldname === 'material' && typeof part.value === 'string') {
        material = part.value;
      }
    }
  } catch (e) {
    throw multipartRefusal(e) ?? e;
  }
  if (!file)
    throw invalidField('file', '请选择要上传的文件（字段 file）', 'choose a file to upload (field `file`)');
  return { ...file, material };
}

/** RFC 5987 `filename*`: every byte outside attr-char percent-encoded. */
function contentDisposition(name: string): string {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename*=UTF-8''${encoded}`;
}

export function caseFileRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/cases/:id/attachments',
      {
        schema: {
          tags,
          summary:
            'Attach a file (multipart: `file`, optional `material`): JPEG, PNG or PDF by content, ≤ 5 MiB; 201, or 200 when the same content is already attached',
          params: caseId,
          consumes: ['multipart/form-data'],
        },
      },
      async (request, reply) => {
        // The file is read only once the use case has let the actor attach to this case.
        const r = await uploadAttachment(ctx, requireActor(request), request.params.id, () =>
          readUpload(request),
        );
        return reply.status(r.created ? 201 : 200).send(r.attachment);
      },
    );

    app.get(
      '/api/cases/:id/attachments',
      { schema: { tags, summary: "A case's attachments (without content)", params: caseId } },
      async (request) => listAttachments(ctx, requireActor(request), request.params.id),
    );

    app.get(
      '/api/cases/:id/attachments/:attachmentId',
      {
        schema: {
          tags,
          summary: 'Download an attachment (its bytes, stored media type, SHA-256 digest)',
          params: caseId.extend({ attachmentId: z.string().min(1).max(60) }),
        },
      },
      async (request, reply) => {
        const f = await downloadAttachment(
          ctx,
          requireActor(request),
          request.params.id,
          request.params.attachmentId,
        );
        const b64 = Buffer.from(f.attachment.sha256, 'hex').toString('base64');
        return reply
          .header('content-type', f.attachment.mediaType)
          .header('content-disposition', contentDisposition(f.attachment.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .header('digest', `sha-256=${b64}`)
          .header('repr-digest', `sha-256=:${b64}:`)
          .send(Buffer.from(f.content));
      },
    );

    app.post(
      '/api/cases/escalations/run',
      {
        schema: {
          tags,
          summary:
            'Record the escalations due today (near → the office, overdue → its supervisors), each once; supervisor, admin',
        },
      },
      async (request) => runEscalations(ctx, requireActor(request)),
    );
  };
}
