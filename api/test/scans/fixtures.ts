import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const fixturesDir = path.join(import.meta.dirname, '..', 'fixtures', 'scan-reports');

/** Fixture file names by short key. */
export const fixtureFiles = {
  debianBuster: 'aquasecurity__trivy__integration__testdata__debian-buster.json.golden',
  pip: 'aquasecurity__trivy__integration__testdata__pip.json.golden',
  legacyMix: 'DefectDojo__django-DefectDojo__unittests__scans__trivy__legacy_trivy_mix.json',
  legacyNull: 'DefectDojo__django-DefectDojo__unittests__scans__trivy__legacy_no_vuln.json',
  schema2NoVulnerabilities: 'DefectDojo__django-DefectDojo__unittests__scans__trivy__scheme_2_no_vuln.json',
  harborWrapped:
    'DefectDojo__django-DefectDojo__unittests__scans__harbor_vulnerability__harbor-trivy-vuln.json',
  harborUnwrapped: 'DefectDojo__django-DefectDojo__unittests__scans__harbor_vulnerability__harborapipip.json',
  harborV10Null: 'DefectDojo__django-DefectDojo__unittests__scans__harbor_vulnerability__harbor-0-vuln.json',
} as const;

export function readFixture(name: string): Uint8Array {
  return readFileSync(path.join(fixturesDir, name));
}

export function readFixtureJson(name: string): unknown {
  return JSON.parse(readFileSync(path.join(fixturesDir, name), 'utf8'));
}

/** A valid digest that no fixture names. */
export const imageDigest = `sha256:${createHash('sha256').update('assay test image').digest('hex')}`;
export const otherDigest = `sha256:${createHash('sha256').update('another image').digest('hex')}`;

export const limits = { maxBytes: 1024 * 1024, maxFindings: 1000 };
