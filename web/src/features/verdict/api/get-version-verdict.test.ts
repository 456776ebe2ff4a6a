import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { followVersionPanels, verdictKey } from './get-version-verdict';

const scanKey = ['plugins', 'threshold', 'versions', '1.0.0', 'scan'];
const otherScanKey = ['plugins', 'threshold', 'versions', '2.0.0', 'scan'];

describe('followVersionPanels', () => {
  const queryClient = new QueryClient();
  let stop: () => void = () => {};

  afterEach(() => {
    stop();
    queryClient.clear();
  });

  function isInvalidated(): boolean {
    return queryClient.getQueryState(verdictKey('threshold', '1.0.0'))?.isInvalidated ?? false;
  }

  function start() {
    queryClient.setQueryData(verdictKey('threshold', '1.0.0'), { verdict: 'trusted' });
    stop = followVersionPanels(queryClient, 'threshold', '1.0.0');
  }

  it('invalidates the verdict when the scan data changes', () => {
    start();
    queryClient.setQueryData(scanKey, { reports: ['first'] });

    queryClient.setQueryData(scanKey, { reports: ['first', 'second'] });

    expect(isInvalidated()).toBe(true);
  });

  it('keeps the verdict when the first scan data arrives', () => {
    start();

    queryClient.setQueryData(scanKey, { reports: ['first'] });

    expect(isInvalidated()).toBe(false);
  });

  it('keeps the verdict when another version changes', () => {
    start();
    queryClient.setQueryData(otherScanKey, { reports: ['first'] });

    queryClient.setQueryData(otherScanKey, { reports: ['second'] });

    expect(isInvalidated()).toBe(false);
  });
});
