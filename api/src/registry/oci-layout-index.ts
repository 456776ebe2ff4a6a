import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { descriptorSchema, parseRegistryJson } from './manifest-schema.ts';
import { RegistryError, type Descriptor } from './types.ts';

/** Annotation naming an index.json entry's repository, so one layout can hold many repositories. */
export const repositoryAnnotation = 'io.assay.repository';
/** The tag of an index.json entry, as `skopeo copy oci:DIR:tag` writes it. */
export const refNameAnnotation = 'org.opencontainers.image.ref.name';

// index.json of a layout is small, so this bound only guards against a wrong file.
const maxIndexBytes = 64 * 1024 * 1024;

const layoutMarkerSchema = z.object({ imageLayoutVersion: z.string() });
const layoutIndexSchema = z.object({ schemaVersion: z.literal(2), manifests: z.array(descriptorSchema) });

/** The parsed index.json of an OCI image layout. */
export interface LayoutIndex {
  entries: Descriptor[];
  /** Tags by repository, each pointing to its descriptor. */
  tags: Map<string, Map<string, Descriptor>>;
}

async function readJsonFile(host: string, file: string, limit: number): Promise<unknown> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.byteLength > limit) {
      throw new RegistryError('too-large', host, `OCI layout file ${file} is larger than ${limit} bytes.`);
    }
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof RegistryError) throw error;
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new RegistryError(
      'unavailable',
      host,
      missing ? `OCI layout file ${file} does not exist.` : `OCI layout file ${file} could not be read.`,
      { cause: error },
    );
  }

  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RegistryError('invalid-response', host, `OCI layout file ${file} is not valid JSON.`, {
      cause: error,
    });
  }
}

/**
 * Reads `oci-layout` and `index.json` of a layout folder. Entries without the repository annotation
 * belong to no repository: their tags are not listed, but referrers among them are found for any repository.
 */
export async function loadLayoutIndex(host: string, dir: string): Promise<LayoutIndex> {
  const markerFile = path.join(dir, 'oci-layout');
  parseRegistryJson(
    host,
    layoutMarkerSchema,
    await readJsonFile(host, markerFile, 64 * 1024),
    `OCI layout file ${markerFile}`,
  );

  const indexFile = path.join(dir, 'index.json');
  const index = parseRegistryJson(
    host,
    layoutIndexSchema,
    await readJsonFile(host, indexFile, maxIndexBytes),
    `OCI layout file ${indexFile}`,
  );

  const tags = new Map<string, Map<string, Descriptor>>();
  for (const entry of index.manifests) {
    const repository = entry.annotations?.[repositoryAnnotation];
    if (repository === undefined) continue;
    const repositoryTags = tags.get(repository) ?? new Map<string, Descriptor>();
    tags.set(repository, repositoryTags);

    // Untagged entries (referrers) still make the repository exist.
    const tag = entry.annotations?.[refNameAnnotation];
    if (tag !== undefined) repositoryTags.set(tag, entry);
  }
  return { entries: index.manifests, tags };
}
