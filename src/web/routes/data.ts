/**
 * Data: upload an extract (checked at once, imported in the background) and follow its import on its
 * job page; imported extracts with their quality reports and quarantined rows (downloadable as CSV for
 * correction and re-import); people awaiting review.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../services/actor.ts';
import { UnknownImportFileError } from '../../services/quarantine-export.ts';
import { formError, type FormErrors } from '../forms.ts';
import { extractSources, sourceFromHeader, type DataOverview } from '../services/data-overview.ts';
import type { UploadJobs, UploadJobView } from '../services/upload-jobs.ts';
import { uploadRefusal, type UploadRefusal } from '../services/upload-refusal.ts';
import { receiveUpload, removeUpload, uploadOf, type ReceivedUpload } from '../setup/uploads.ts';
import { PageNotFoundError } from '../web-errors.ts';

const fileParams = z.object({ id: z.uuid() });
const reviewReasons = { 'new-person': 'New person (no match found)', 'conflicting-identifiers': 'Identifiers point at different people', 'ambiguous-name-match': 'Name matches more than one person' } as const;
const encodings = ['utf-8', 'windows-1252'] as const;
/** Uploads listed on the Data page, newest first. */
const recentUploads = 10;

export function dataRoutes(app: FastifyInstance, data: DataOverview, uploads: UploadJobs): void {
  const config = { permission: 'data:manage' } as const;

  const dataPage = async (reply: FastifyReply, extra: { errors?: FormErrors; values?: { source?: string; encoding?: string } } = {}) => {
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
      ...(extra.errors && { errors: extra.errors }),
    });
  };

  app.get('/data', { config }, async (_request, reply) => dataPage(reply));

  app.post('/data/upload', { config, preValidation: receiveUpload('file', 'data:manage') }, async (request, reply) => {
    const upload = uploadOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { source: text(body['source']), encoding: text(body['encoding']) };
    const errors = uploadErrors(values, upload);
    if (errors.list.length > 0) {
      await removeUpload(request);
      return dataPage(reply.code(400), { errors, values });
    }
    const file = upload!.file!;
    const extract = { source: values.source!, encoding: values.encoding === 'windows-1252' ? ('windows-1252' as const) : ('utf-8' as const), fileName: file.name, path: file.path, bytes: file.bytes };
    let outcome: { jobId: string } | { refused: UploadRefusal };
    try {
      outcome = { jobId: (await uploads.submit(extract, actorOf(request), request.log)).id };
    } catch (error) {
      const refused = uploadRefusal(error, file.name, extract.source);
      if (!refused) throw error;
      outcome = { refused };
    } finally {
      // The job took the file if it was queued; the rest goes before the page is sent (the onResponse
      // hook removes it when anything else went wrong).
      await removeUpload(request);
    }
    if ('refused' in outcome) return dataPage(reply.code(400), { errors: formError(outcome.refused.field, outcome.refused.text), values });
    return reply.redirect(`/data/uploads/${outcome.jobId}`, 303);
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

/** The form's problems, in the order of its fields. */
function uploadErrors(values: { source?: string | undefined; encoding?: string | undefined }, upload: ReceivedUpload | undefined): FormErrors {
  const list: Array<{ text: string; href: string }> = [];
  const fields: Record<string, { text: string }> = {};
  const add = (field: string, message: string) => {
    list.push({ text: message, href: `#${field}` });
    fields[field] = { text: message };
  };
  if (!values.source) add('source', 'Select the kind of extract');
  else if (values.source !== sourceFromHeader && !extractSources.some((s) => s.id === values.source)) add('source', `There is no kind of extract called “${values.source}”: select one from the list`);
  const file = upload?.file;
  if (!upload || upload.problem === 'no-file') add('file', 'Select an extract file to upload');
  else if (upload.problem === 'too-large') add('file', `The selected file must be smaller than ${megabytes(upload.limitBytes)}`);
  else if (file && !/\.(csv|xlsx)$/i.test(file.name)) add('file', 'The selected file must be a CSV or an Excel workbook (.xlsx)');
  else if (file && file.bytes === 0) add('file', 'The selected file is empty');
  if (values.encoding !== undefined && !(encodings as readonly string[]).includes(values.encoding)) add('encoding', 'Select the file’s text encoding');
  return { list, fields };
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
