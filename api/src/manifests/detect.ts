import type { ManifestFormat } from '../contract/manifest.ts';
import { isObject, type JsonObject } from './values.ts';

const polusOnlyTypes = new Set(['genericData', 'pyramidAnnotation']);

/**
 * Decides which dialect a manifest is written in, from its content. The file name decides only when
 * the content names neither `containerId` (WIPP) nor `container`/`specVersion` (ICT).
 */
export function detectFormat(doc: JsonObject, fileName: string): ManifestFormat {
  if (doc.specVersion !== undefined || (doc.containerId === undefined && doc.container !== undefined)) {
    return 'ict';
  }
  if (doc.containerId === undefined && /\.ya?ml$/i.test(fileName)) {
    return 'ict';
  }
  if (['inputs', 'outputs', 'ui'].some((key) => isObject(doc[key]))) {
    return 'wipp-dict';
  }
  if (doc.baseCommand !== undefined || doc.resourceRequirements !== undefined || usesPolusTypes(doc)) {
    return 'wipp-polus';
  }
  return 'wipp';
}

function usesPolusTypes(doc: JsonObject): boolean {
  return ['inputs', 'outputs'].some((key) => {
    const list = doc[key];
    return (
      Array.isArray(list) &&
      list.some((item) => isObject(item) && typeof item.type === 'string' && polusOnlyTypes.has(item.type))
    );
  });
}
