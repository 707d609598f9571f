/**
 * File uploads (multipart forms), streamed to a temporary file of their own and never held in memory.
 * A route that takes an upload adds `receiveUpload` as its `preValidation` hook: it reads the form's
 * fields into `request.body` (so the CSRF check that runs next finds `_csrf` there, as for any other
 * form) and writes the one file to a fresh temporary directory under its own (cleaned) name. The
 * directory is removed when the response has been sent, whatever happened, and on any failure while
 * receiving. Nothing about the file or its contents is logged.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, type Permission } from '../permissions.ts';

export const defaultUploadLimitBytes = 200 * 1024 * 1024;

export interface ReceivedFile {
  /** The name the person's computer gave the file, cleaned to be safe as a file name. */
  readonly name: string;
  /** Where it was written. */
  readonly path: string;
  readonly bytes: number;
}

export interface ReceivedUpload {
  readonly fields: Record<string, string>;
  file?: ReceivedFile;
  /** Why the file was not kept: none chosen, larger than the limit, or more than one sent. */
  problem?: 'no-file' | 'too-large';
  /** The name of a file that was refused (too large). */
  refusedName?: string;
  /** The upload limit in bytes, for messages. */
  readonly limitBytes: number;
  directory?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The largest file a form may upload, in bytes. */
    uploadLimitBytes: number;
  }
}

const received = new WeakMap<FastifyRequest, ReceivedUpload>();

export async function setUpUploads(app: FastifyInstance, limitBytes: number = defaultUploadLimitBytes): Promise<void> {
  await app.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: limitBytes, files: 1, fields: 20, parts: 25, fieldSize: 10_000 } });
  app.decorate('uploadLimitBytes', limitBytes);
  app.addHook('onResponse', async (request) => removeUpload(request));
}

/** What `receiveUpload` read for this request; undefined when it was not a multipart form. */
export function uploadOf(request: FastifyRequest): ReceivedUpload | undefined {
  return received.get(request);
}

export async function removeUpload(request: FastifyRequest): Promise<void> {
  const upload = received.get(request);
  if (upload?.directory) await rm(upload.directory, { recursive: true, force: true });
}

/**
 * A `preValidation` hook reading a multipart form whose file field is `fileField`. The file is only
 * written when the person may use the route (`permission`) and the form carried a `_csrf` field before
 * the file (the form puts it first): otherwise it is read and thrown away, and the checks that follow
 * refuse the request as usual.
 */
export function receiveUpload(fileField: string, permission: Permission) {
  return async function receive(this: FastifyInstance, request: FastifyRequest): Promise<void> {
    if (!request.isMultipart()) return;
    const upload: ReceivedUpload = { fields: {}, limitBytes: this.uploadLimitBytes };
    received.set(request, upload);
    request.body = upload.fields;
    const allowed = request.user !== null && request.user !== undefined && can(request.user.role, permission);
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (typeof part.value === 'string' && !(part.fieldname in Object.prototype)) upload.fields[part.fieldname] = part.value;
          continue;
        }
        const name = cleanFileName(part.filename);
        if (!allowed || part.fieldname !== fileField || !upload.fields['_csrf'] || upload.file || !name) {
          await pipeline(part.file, discard());
          continue;
        }
        upload.directory ??= await mkdtemp(path.join(tmpdir(), 'fo-upload-'));
        const to = path.join(upload.directory, name);
        await pipeline(part.file, createWriteStream(to));
        if (part.file.truncated) {
          upload.problem = 'too-large';
          upload.refusedName = name;
          await rm(to, { force: true });
          continue;
        }
        upload.file = { name, path: to, bytes: part.file.bytesRead };
      }
    } catch (error) {
      await removeUpload(request);
      throw error;
    }
    if (!upload.file && !upload.problem) upload.problem = 'no-file';
  };
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

/** The last path segment, with anything but letters, digits, spaces, dots, hyphens, underscores and brackets replaced. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^\p{L}\p{N} ._()-]/gu, '_').replace(/^\.+/, '').trim();
  if (cleaned.length <= 150) return cleaned;
  const ext = path.extname(cleaned).slice(0, 10);
  return `${cleaned.slice(0, 150 - ext.length)}${ext}`;
}
