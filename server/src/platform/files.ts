import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { nowIso, type Executor } from '../db/database.js';

// Files the platform keeps: uploaded spreadsheets, generated exports and error files. They live in
// the database (not on a local disk) so several app processes share them and a backup holds them.

export type FilePurpose = 'import' | 'export' | 'importErrors';

export async function storeFile(exec: Executor, file: { fileName: string; content: Buffer; purpose: FilePurpose; createdBy: number | null }): Promise<number> {
  const row = await exec
    .insertInto('uploads')
    .values({
      sha256: createHash('sha256').update(file.content).digest('hex'),
      file_name: file.fileName.slice(0, 255),
      size: file.content.length,
      content: file.content,
      purpose: file.purpose,
      created_by: file.createdBy,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface StoredFile {
  id: number;
  file_name: string;
  size: number;
  content: Buffer;
  purpose: string;
  created_by: number | null;
  sha256: string;
}

export async function readFile(exec: Executor, id: number): Promise<StoredFile | undefined> {
  const row = await exec.selectFrom('uploads').select(['id', 'file_name', 'size', 'content', 'purpose', 'created_by', 'sha256']).where('id', '=', id).executeTakeFirst();
  return row ? { ...row, content: Buffer.from(row.content) } : undefined;
}

/** A writable sink that collects what a streaming writer produces into one buffer. */
export function collect(): { stream: PassThrough; done: Promise<Buffer> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
  return { stream, done };
}

const CONTENT_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export function contentTypeOf(fileName: string): string {
  return CONTENT_TYPES[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

/** Content-Disposition that keeps a Chinese file name intact in every browser (RFC 6266/5987). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
