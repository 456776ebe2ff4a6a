import type { VersionScan } from '@assay/api/contract';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button, focusRing } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { inputClasses } from '@/components/ui/text-field';
import { isApiError } from '@/lib/api-client';
import { shortDigest } from '@/lib/format';
import { useUploadReport } from '../api/upload-report';

export interface UploadReportFormProps {
  plugin: string;
  version: string;
  platforms: VersionScan['platforms'];
}

interface FieldProblem {
  /** The server's message; for a problem inside the report it starts with the JSON path. */
  message: string;
}

/** Problems the API returned per form field (`details: [{ path, message }]`). */
function fieldProblems(error: unknown): Record<string, FieldProblem> {
  if (!isApiError(error) || error.failure.kind !== 'api' || !Array.isArray(error.failure.details)) return {};
  const problems: Record<string, FieldProblem> = {};
  for (const detail of error.failure.details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof detail.path !== 'string' || typeof detail.message !== 'string') continue;
    problems[detail.path] ??= { message: detail.message };
  }
  return problems;
}

function platformLabel(platform: VersionScan['platforms'][number]): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/** Uploads a Trivy JSON or Harbor report for this version; the server's objections show at their fields. */
export function UploadReportForm({ plugin, version, platforms }: UploadReportFormProps) {
  const fileId = useId();
  const platformId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [file, setFile] = useState<File | undefined>();
  const [platformDigest, setPlatformDigest] = useState('');
  const [missingFile, setMissingFile] = useState(false);
  const upload = useUploadReport(plugin, version);
  const problems = fieldProblems(upload.error);
  const fileProblem = missingFile ? { message: 'Choose a report file first.' } : problems.report;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setMissingFile(true);
      return;
    }
    upload.mutate(
      { file, ...(platformDigest ? { platformDigest } : {}) },
      {
        onSuccess: () => {
          formRef.current?.reset();
          setFile(undefined);
        },
      },
    );
  }

  const generalError =
    upload.isError && !problems.report && !problems.platformDigest
      ? isApiError(upload.error)
        ? upload.error.message
        : 'The upload failed. Try again.'
      : undefined;
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Upload a scan report" className="space-y-3">
      <div>
        <label htmlFor={fileId} className="block text-sm font-medium">
          Report file
        </label>
        <input
          id={fileId}
          type="file"
          accept=".json,application/json"
          aria-invalid={fileProblem ? true : undefined}
          aria-describedby={`${fileId}-hint${fileProblem ? ` ${fileId}-error` : ''}`}
          onChange={(event) => {
            setFile(event.target.files?.[0]);
            setMissingFile(false);
            upload.reset();
          }}
          className={`mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm dark:file:border-slate-600 dark:file:bg-slate-900 dark:file:text-slate-100 ${focusRing}`}
        />
        <p id={`${fileId}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          Trivy JSON (<code className="font-mono">trivy image --format json</code>) or a Harbor scanner report
          for this version&apos;s image.
        </p>
        {fileProblem && (
          <p id={`${fileId}-error`} className="mt-1 text-xs text-red-700 dark:text-red-400">
            {fileProblem.message}
          </p>
        )}
      </div>
      {platforms.length > 0 && (
        <div>
          <label htmlFor={platformId} className="block text-sm font-medium">
            Platform the report describes
          </label>
          <select
            id={platformId}
            value={platformDigest}
            onChange={(event) => setPlatformDigest(event.target.value)}
            aria-invalid={problems.platformDigest ? true : undefined}
            aria-describedby={problems.platformDigest ? `${platformId}-error` : undefined}
            className={`mt-1 ${inputClasses}`}
          >
            <option value="">The whole image (index digest)</option>
            {platforms.map((platform) => (
              <option key={platform.digest} value={platform.digest}>
                {platformLabel(platform)} ({shortDigest(platform.digest)})
              </option>
            ))}
          </select>
          {problems.platformDigest && (
            <p id={`${platformId}-error`} className="mt-1 text-xs text-red-700 dark:text-red-400">
              {problems.platformDigest.message}
            </p>
          )}
        </div>
      )}
      {generalError && (
        <Callout tone="bad" title="The upload failed" role="alert">
          <p>{generalError}</p>
        </Callout>
      )}
      {upload.isSuccess && (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          Report stored with {upload.data.summary.total} findings.
        </p>
      )}
      <Button type="submit" size="sm" disabled={upload.isPending}>
        {upload.isPending ? 'Uploading…' : 'Upload report'}
      </Button>
    </form>
  );
}
