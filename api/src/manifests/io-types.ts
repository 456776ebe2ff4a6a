import type { ManifestFormat } from '../contract/manifest.ts';

// Type vocabularies of the 2020 WIPP manifest schema (usnistgov/WIPP-Plugins-base-templates) and of
// PolusAI's newer copy, which adds `pyramidAnnotation` and `genericData`.
const wippInputTypes = [
  'collection',
  'stitchingVector',
  'tensorflowModel',
  'csvCollection',
  'pyramid',
  'notebook',
  'string',
  'number',
  'integer',
  'enum',
  'array',
  'boolean',
];
const wippOutputTypes = [
  'collection',
  'stitchingVector',
  'tensorflowModel',
  'tensorboardLogs',
  'csvCollection',
  'pyramid',
];
const polusAddedTypes = ['pyramidAnnotation', 'genericData'];

/** ICT `TypesEnum`. */
export const ictIoTypes = ['string', 'number', 'array', 'boolean', 'path'];

/** Types that name WIPP data objects; an ICT `path` whose `format` names one of them takes that type. */
export const wippDataTypes = new Set([
  'collection',
  'stitchingVector',
  'tensorflowModel',
  'tensorboardLogs',
  'csvCollection',
  'pyramid',
  'pyramidAnnotation',
  'notebook',
  'genericData',
]);

/** Every normalised type; anything else becomes `unknown`. */
const normalisedTypes = new Set([...wippInputTypes, ...wippOutputTypes, ...polusAddedTypes]);

// Types written by hand or leaked from other formats (ICT `path`, Python's `int`/`float`/`bool`).
const typeAliases: Record<string, string> = {
  path: 'genericData',
  file: 'genericData',
  directory: 'genericData',
  int: 'integer',
  float: 'number',
  double: 'number',
  bool: 'boolean',
  str: 'string',
  text: 'string',
};

export type IoRole = 'input' | 'output';

/** Returns the types that the schema of `format` allows for an input or an output. */
export function allowedTypes(format: ManifestFormat, role: IoRole): string[] {
  if (format === 'ict') {
    return ictIoTypes;
  }
  const base = role === 'input' ? wippInputTypes : wippOutputTypes;
  return format === 'wipp' ? base : [...base, ...polusAddedTypes];
}

export interface TypeReading {
  /** The normalised type. */
  type: string;
  /** Deviation of the written type from the schema, if any. */
  problem?: string;
}

/**
 * Maps a written type to a normalised one. A type the schema allows maps to itself. A near miss
 * (other letter case, an alias such as `int`, or `array[int]`) maps with a problem, and anything else
 * becomes `unknown`.
 */
export function readIoType(written: string, format: ManifestFormat, role: IoRole): TypeReading {
  const allowed = allowedTypes(format, role);
  if (allowed.includes(written)) {
    return { type: format === 'ict' ? ictBaseType(written) : written };
  }

  const schemaName = format === 'ict' ? 'an ICT' : 'a WIPP';
  const mapped = nearType(written);
  if (mapped === written) {
    return {
      type: mapped,
      problem: `type '${written}' is not ${schemaName} ${role} type; it is kept as the WIPP type '${written}'.`,
    };
  }
  if (mapped !== undefined) {
    return {
      type: mapped,
      problem: `type '${written}' is not ${schemaName} ${role} type; it is read as '${mapped}'.`,
    };
  }
  return {
    type: 'unknown',
    problem: `type '${written}' is not ${schemaName} ${role} type and is not understood.`,
  };
}

function ictBaseType(written: string): string {
  return written === 'path' ? 'genericData' : written;
}

function nearType(written: string): string | undefined {
  const lower = written.trim().toLowerCase();
  const arrayOf = /^(array|list)\s*[[<(]\s*\w+\s*[\]>)]$/.exec(lower);
  if (arrayOf) {
    return 'array';
  }
  const alias = typeAliases[lower];
  if (alias !== undefined) {
    return alias;
  }
  for (const type of normalisedTypes) {
    if (type.toLowerCase() === lower) {
      return type;
    }
  }
  return undefined;
}
