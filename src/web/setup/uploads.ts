/**
 * File uploads (multipart forms), streamed to temporary files and never held in memory. A route that
 * takes uploads adds `receiveUpload` as its `preValidation` hook: it reads the form's fields into
 * `request.body` (so the CSRF check that runs next finds `_csrf` there, as for any other form) and
 * writes each file, up to the route's most, into a fresh temporary directory, each in a directory of
 * its own under its own (cleaned) name (two files may have the same name). The directory is removed
 * when the response has been sent, whatever happened, and on any failure while receiving. Nothing
 * about the files or their contents is logged.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, type Permission } from '../permissions.ts';

export const defaultUploadLimitBytes = 200 * 1024 * 1024;
/** The most files one form may send (a route may take fewer); more than one beyond it fails the request. */
export const maxFilesPerForm = 10;

export interface ReceivedFile {
  /** The name the person's computer gave the file, cleaned to be safe as a file name. */
  readonly name: string;
  /** Where it was written. */
  readonly path: string;
  readonly bytes: number;
}

export interface ReceivedUpload {
  readonly fields: Record<string, string>;
  /** The files kept, in the order the form sent them. */
  readonly files: ReceivedFile[];
  /** Files sent but not kept: larger than the limit, or beyond the most the route takes. */
  readonly refused: Array<{ readonly name: string; readonly reason: 'too-large' | 'too-many' }>;
  /** The upload limit in bytes, for messages. */
  readonly limitBytes: number;
  /** The most files the route takes, for messages. */
  readonly maxFiles: number;
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
  await app.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: limitBytes, files: maxFilesPerForm + 1, fields: 20, parts: 20 + maxFilesPerForm + 1, fieldSize: 10_000 } });
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
 * A `preValidation` hook reading a multipart form whose file field is `fileField`, keeping up to
 * `maxFiles` files (at most {@link maxFilesPerForm}). Files are only written when the person may use
 * the route (`permission`) and the form carried a `_csrf` field before them (the form puts it first):
 * otherwise they are read and thrown away, and the checks that follow refuse the request as usual.
 * A file chosen without a name (a browser sends one empty part when none is chosen) is not a file.
 */
export function receiveUpload(fileField: string, permission: Permission, maxFiles = 1) {
  const most = Math.min(maxFiles, maxFilesPerForm);
  return async function receive(this: FastifyInstance, request: FastifyRequest): Promise<void> {
    if (!request.isMultipart()) return;
    const upload: ReceivedUpload = { fields: {}, files: [], refused: [], limitBytes: this.uploadLimitBytes, maxFiles: most };
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
        if (!allowed || part.fieldname !== fileField || !upload.fields['_csrf'] || !name) {
          await pipeline(part.file, discard());
          continue;
        }
        if (upload.files.length === most) {
          await pipeline(part.file, discard());
          upload.refused.push({ name, reason: 'too-many' });
          continue;
        }
        upload.directory ??= await mkdtemp(path.join(tmpdir(), 'fo-upload-'));
        const own = path.join(upload.directory, String(upload.files.length + upload.refused.length));
        await mkdir(own);
        const to = path.join(own, name);
        await pipeline(part.file, createWriteStream(to));
        if (part.file.truncated) {
          upload.refused.push({ name, reason: 'too-large' });
          await rm(own, { recursive: true, force: true });
          continue;
        }
        upload.files.push({ name, path: to, bytes: part.file.bytesRead });
      }
    } catch (error) {
      await removeUpload(request);
      throw error;
    }
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
