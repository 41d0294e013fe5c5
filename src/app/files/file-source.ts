/**
 * An uploaded file as an import use case receives it: in hand (the CLI, tests), or still to be read
 * from the request. The use case reads it only after authorizing, so a role without the permission
 * gets 403 whatever it sent, and a refused upload is never buffered.
 */
import type { ImportFile } from './import-outcome.ts';

export type FileSource = ImportFile | (() => Promise<ImportFile>);

export async function readFileSource(source: FileSource): Promise<ImportFile> {
  return typeof source === 'function' ? source() : source;
}
