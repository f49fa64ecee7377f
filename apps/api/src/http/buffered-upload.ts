import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** The first file part of a multipart request, read into memory once. */
export interface BufferedUpload {
  fieldname: string;
  filename: string;
  content: Buffer;
  sha256: string;
}

const uploads = new WeakMap<FastifyRequest, Promise<BufferedUpload | null>>();

/**
 * Reads the request's file part once and hands the same bytes to everyone who asks (the idempotency
 * fingerprint, then the controller): a multipart stream can be consumed only once.
 */
export function bufferedUpload(req: FastifyRequest): Promise<BufferedUpload | null> {
  let upload = uploads.get(req);
  if (!upload) {
    upload = (async () => {
      const part = await req.file();
      if (!part) return null;
      const content = await part.toBuffer();
      return {
        fieldname: part.fieldname,
        filename: part.filename ?? '',
        content,
        sha256: createHash('sha256').update(content).digest('hex'),
      };
    })();
    uploads.set(req, upload);
  }
  return upload;
}
