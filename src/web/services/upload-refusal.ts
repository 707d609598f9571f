/**
 * Why an uploaded extract was refused, in words for the person who uploaded it: the file is not the text
 * encoding they chose, its header row does not fit the kind of extract (or fits no one kind, when the
 * kind was to be worked out from it), or it cannot be read. Used for
 * the form's error when the check on upload refuses it, and for the job page when the import does.
 */
import { FamilyOutcomesError } from '../../engine/errors.ts';
import { fittingKinds, HeaderError } from '../../imports/header.ts';
import { ExtractFileError } from '../../imports/readers/extract-reader.ts';
import { SourceNotDetectedError, UnknownSourceError } from '../../services/import-service.ts';
import { NotUtf8Error } from './data-overview.ts';

export interface UploadRefusal {
  /** The form field the problem is about. */
  readonly field: 'file' | 'source';
  readonly text: string;
}

/** Files of one upload refused at the check, each with its reason: none of the upload's files was queued. */
export class UploadsRefusedError extends FamilyOutcomesError {
  readonly code = 'uploads-refused';
  constructor(readonly refusals: ReadonlyArray<{ readonly fileName: string; readonly refusal: UploadRefusal }>) {
    super(`${refusals.length} uploaded file${refusals.length === 1 ? ' was' : 's were'} refused: ${refusals.map((r) => r.fileName).join(', ')}`);
  }
}

/** The refusal of a file for `error`; undefined when the error is not the file's fault (a failure of the product). */
export function uploadRefusal(error: unknown, fileName: string, source: string): UploadRefusal | undefined {
  if (error instanceof NotUtf8Error) {
    return { field: 'file', text: `${fileName} is not UTF-8 text: save it as ‘CSV UTF-8’, or choose Windows-1252 if Excel saved it as plain ‘CSV’` };
  }
  if (error instanceof HeaderError) {
    const parts = [
      error.missing.length > 0 && `is missing the column${error.missing.length > 1 ? 's' : ''} ${error.missing.join(', ')}`,
      error.duplicated.length > 0 && `names ${error.duplicated.join(', ')} more than once`,
    ].filter(Boolean);
    const hint = error.fits.length > 0 ? ` Its columns fit ${fittingKinds(error.fits)}: choose that kind of extract and upload it again.` : '';
    return { field: 'file', text: `The header row of ${fileName} ${parts.join(' and ')} for a ${source} extract. Nothing was imported.${hint}` };
  }
  if (error instanceof ExtractFileError) {
    return { field: 'file', text: `${fileName}${error.row === undefined ? '' : ` row ${error.row}`} ${error.reason}. Nothing was imported.` };
  }
  if (error instanceof SourceNotDetectedError) {
    return error.fits.length === 0
      ? { field: 'source', text: `The header row of ${fileName} fits no kind of extract: select the kind it should be, and the problem will say which columns it lacks` }
      : { field: 'source', text: `The header row of ${fileName} fits ${fittingKinds(error.fits)} equally well: select which it is` };
  }
  if (error instanceof UnknownSourceError) return { field: 'source', text: 'Select the kind of extract' };
  return undefined;
}
