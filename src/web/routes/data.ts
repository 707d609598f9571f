/**
 * Data: upload an extract (checked at once, imported in the background) and follow its import on its
 * job page; imported extracts with their quality reports and quarantined rows (downloadable as CSV for
 * correction and re-import); people awaiting review.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../services/actor.ts';
import { UnknownImportFileError } from '../../services/quarantine-export.ts';
import { formErrors, type FormErrors } from '../forms.ts';
import { extractSources, sourceFromHeader, type DataOverview } from '../services/data-overview.ts';
import type { UploadJobs, UploadJobView } from '../services/upload-jobs.ts';
import { UploadsRefusedError } from '../services/upload-refusal.ts';
import { maxFilesPerForm, receiveUpload, removeUpload, uploadOf, type ReceivedUpload } from '../setup/uploads.ts';
import { PageNotFoundError } from '../web-errors.ts';

const fileParams = z.object({ id: z.uuid() });
const reviewReasons = { 'new-person': 'New person (no match found)', 'conflicting-identifiers': 'Identifiers point at different people', 'ambiguous-name-match': 'Name matches more than one person' } as const;
const encodings = ['utf-8', 'windows-1252'] as const;
/** Uploads listed on the Data page, newest first. */
const recentUploads = 10;
/** `?uploaded=N` after several files were queued together: the Data page says so. */
const queuedQuery = z.object({ uploaded: z.coerce.number().int().min(2).max(maxFilesPerForm).optional() });

export function dataRoutes(app: FastifyInstance, data: DataOverview, uploads: UploadJobs): void {
  const config = { permission: 'data:manage' } as const;

  const dataPage = async (reply: FastifyReply, extra: { errors?: FormErrors; values?: { source?: string; encoding?: string }; uploaded?: number } = {}) => {
    const [imports, reviews, jobs] = await Promise.all([data.imports(), data.awaitingReview(1), uploads.recent(recentUploads)]);
    const values = extra.values ?? {};
    return reply.page('pages/data/index.njk', {
      imports,
      uploads: jobs.map(uploadView),
      anyAwaitingReview: reviews.length > 0,
      sourceItems: [
        { value: '', text: 'Choose the kind of extract' },
        { value: sourceFromHeader, text: 'Work it out from the file’s header row', selected: values.source === sourceFromHeader },
        ...extractSources.map((s) => ({ value: s.id, text: `${s.title} (${s.id})`, selected: s.id === values.source })),
      ],
      encodingItems: [
        { value: 'utf-8', text: 'UTF-8 (‘CSV UTF-8’ in Excel)', checked: values.encoding !== 'windows-1252' },
        { value: 'windows-1252', text: 'Windows-1252 (older ‘CSV’ saved by Excel)', checked: values.encoding === 'windows-1252' },
      ],
      uploadLimit: megabytes(app.uploadLimitBytes),
      maxFiles: maxFilesPerForm,
      ...(extra.uploaded !== undefined && { uploaded: extra.uploaded }),
      ...(extra.errors && { errors: extra.errors }),
    });
  };

  app.get('/data', { config }, async (request, reply) => {
    const queued = queuedQuery.safeParse(request.query);
    return dataPage(reply, queued.success && queued.data.uploaded !== undefined ? { uploaded: queued.data.uploaded } : {});
  });

  app.post('/data/upload', { config, preValidation: receiveUpload('file', 'data:manage', maxFilesPerForm) }, async (request, reply) => {
    const upload = uploadOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { source: text(body['source']), encoding: text(body['encoding']) };
    const errors = uploadErrors(values, upload);
    if (errors.list.length > 0) {
      await removeUpload(request);
      return dataPage(reply.code(400), { errors, values });
    }
    const encoding = values.encoding === 'windows-1252' ? ('windows-1252' as const) : ('utf-8' as const);
    const extracts = upload!.files.map((file) => ({ source: values.source!, encoding, fileName: file.name, path: file.path, bytes: file.bytes }));
    let jobs: Array<{ id: string }> = [];
    let refused: UploadsRefusedError | undefined;
    try {
      jobs = await uploads.submitAll(extracts, actorOf(request), request.log);
    } catch (error) {
      if (!(error instanceof UploadsRefusedError)) throw error;
      refused = error;
    } finally {
      // The jobs took their files if they were queued; the rest goes before the page is sent (the
      // onResponse hook removes it when anything else went wrong).
      await removeUpload(request);
    }
    if (refused) return dataPage(reply.code(400), { errors: formErrors(refused.refusals.map((r) => r.refusal)), values });
    // One file: its own page. Several: the Data page, whose list of uploads shows each.
    return reply.redirect(jobs.length === 1 ? `/data/uploads/${jobs[0]!.id}` : `/data?uploaded=${jobs.length}#uploads`, 303);
  });

  app.get('/data/uploads/:id', { config }, async (request, reply) => {
    const params = fileParams.safeParse(request.params);
    const job = params.success ? await uploads.job(params.data.id) : undefined;
    if (!job) throw new PageNotFoundError('upload');
    return reply.page('pages/data/upload.njk', uploadView(job));
  });

  app.get('/data/imports/:id', { config }, async (request, reply) => {
    const params = fileParams.safeParse(request.params);
    if (!params.success) throw new PageNotFoundError('import');
    const found = await data.file(params.data.id, actorOf(request));
    if (!found) throw new PageNotFoundError('import');
    return reply.page('pages/data/import.njk', { ...found, openCount: found.quarantined.filter((q) => q.status === 'open').length });
  });

  app.get('/data/imports/:id/quarantine.csv', { config }, async (request, reply) => {
    const params = fileParams.safeParse(request.params);
    if (!params.success) throw new PageNotFoundError('import');
    const exported = await data.quarantineCsv(params.data.id, actorOf(request)).catch((error: unknown) => {
      throw error instanceof UnknownImportFileError ? new PageNotFoundError('import') : error;
    });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${exported.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
      .header('cache-control', 'no-store')
      .send(exported.csv);
  });

  app.get('/data/reviews', { config }, async (_request, reply) => {
    const reviews = (await data.awaitingReview()).map((r) => ({ ...r, reasonText: reviewReasons[r.reason] }));
    return reply.page('pages/data/reviews.njk', { reviews });
  });
}

/** The signed-in user, who is named in the quarantine access log (every route here needs a permission, so one is signed in). */
function actorOf(request: FastifyRequest): Actor {
  return { userId: request.user!.id, role: request.user!.role };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A file's size as people read it: "512 bytes", "34 KB", "1.2 MB". */
function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * The form's problems, in the order of its fields. A file's problem names the file when the form sent
 * more than one.
 */
function uploadErrors(values: { source?: string | undefined; encoding?: string | undefined }, upload: ReceivedUpload | undefined): FormErrors {
  const problems: Array<{ field: string; text: string }> = [];
  const add = (field: string, text: string) => problems.push({ field, text });
  if (!values.source) add('source', 'Select the kind of extract');
  else if (values.source !== sourceFromHeader && !extractSources.some((s) => s.id === values.source)) add('source', `There is no kind of extract called “${values.source}”: select one from the list`);
  const sent = (upload?.files.length ?? 0) + (upload?.refused.length ?? 0);
  const selected = (name: string) => (sent === 1 ? 'The selected file' : name);
  if (!upload || sent === 0) add('file', 'Select an extract file to upload');
  else {
    if (upload.refused.some((r) => r.reason === 'too-many')) add('file', `Select up to ${upload.maxFiles} files at a time`);
    for (const r of upload.refused) if (r.reason === 'too-large') add('file', `${selected(r.name)} must be smaller than ${megabytes(upload.limitBytes)}`);
    for (const file of upload.files) {
      if (!/\.(csv|xlsx)$/i.test(file.name)) add('file', `${selected(file.name)} must be a CSV or an Excel workbook (.xlsx)`);
      else if (file.bytes === 0) add('file', `${selected(file.name)} is empty`);
    }
  }
  if (values.encoding !== undefined && !(encodings as readonly string[]).includes(values.encoding)) add('encoding', 'Select the file’s text encoding');
  return formErrors(problems);
}

/** A job's page: its state, the progress of a running import, or the counts of an imported one. */
function uploadView(job: UploadJobView) {
  const percent = job.progress && job.progress.totalBytes > 0 ? Math.min(100, Math.floor((100 * job.progress.bytesRead) / job.progress.totalBytes)) : undefined;
  return {
    job,
    source: extractSources.find((s) => s.id === job.source),
    percent,
    size: fileSize(job.bytes),
    unfinished: job.status === 'queued' || job.status === 'running',
  };
}
