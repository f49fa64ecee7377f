import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredFile {
  storageKey: string;
  sizeBytes: number;
  sha256: string;
  /** The first bytes, for content sniffing. */
  head: Buffer;
}

export class FileTooLargeError extends Error {}

const HEAD_BYTES = 16;

/**
 * Documents on local disk under STORAGE_DIR. Keys are generated (`<zone>/<yyyy>/<uuid>`), never taken
 * from user file names, so a name like `../../etc/passwd` cannot reach the file system. Writes go to a
 * temporary file and are renamed into place once the hash and size are known.
 */
@Injectable()
export class DocumentStore {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.storage.dir);
  }

  async save(zoneCode: string, source: Readable, maxBytes: number): Promise<StoredFile> {
    const storageKey = `${zoneCode}/${new Date().getUTCFullYear()}/${randomUUID()}`;
    const finalPath = this.pathOf(storageKey);
    const tmpPath = `${finalPath}.part`;
    await mkdir(dirname(finalPath), { recursive: true });
    const hash = createHash('sha256');
    let size = 0;
    const chunks: Buffer[] = [];
    let headLength = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new FileTooLargeError(`file is larger than ${maxBytes} bytes`));
        if (headLength < HEAD_BYTES) {
          chunks.push(chunk.subarray(0, HEAD_BYTES - headLength));
          headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tmpPath, { flags: 'wx' }));
      await rename(tmpPath, finalPath);
    } catch (error) {
      await rm(tmpPath, { force: true });
      throw error;
    }
    return { storageKey, sizeBytes: size, sha256: hash.digest('hex'), head: Buffer.concat(chunks) };
  }

  async open(storageKey: string): Promise<{ stream: Readable; sizeBytes: number }> {
    const path = this.pathOf(storageKey);
    const { size } = await stat(path);
    return { stream: createReadStream(path), sizeBytes: size };
  }

  async remove(storageKey: string): Promise<void> {
    await rm(this.pathOf(storageKey), { force: true });
  }

  private pathOf(storageKey: string): string {
    const path = resolve(join(this.root, storageKey));
    if (!path.startsWith(`${this.root}/`)) throw new Error('storage key escapes the storage directory');
    return path;
  }
}
