import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium package (`.ci/run` installs it when missing): playwright-core never downloads a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless Chromium for the SMART launch pages. The flags keep it quiet and offline apart from the pages under
 * test: no sandbox (CI containers run as root), no GPU, no background updates or sync, no QUIC.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A fresh browser context (its own cookies) with one page whose console messages are kept for diagnostics. */
export interface WatchedPage {
  readonly page: Page;
  readonly console: readonly string[];
  close(): Promise<void>;
}

export async function openWatchedPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext();
  // A step that cannot happen should fail the test in seconds, not after Playwright's 30 s default.
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => console.push(`pageerror: ${error.message}`));
  return { page, console, close: () => context.close() };
}

/**
 * Waits until the page reaches a URL starting with `prefix`; on timeout fails with where the page is, what it
 * shows and what the console said (a CSP violation or a blocked navigation shows up only there).
 */
export async function waitForUrlPrefix(watched: WatchedPage, prefix: string, timeoutMs = 10000): Promise<void> {
  const { page } = watched;
  try {
    await page.waitForURL((url) => url.href.startsWith(prefix), { timeout: timeoutMs });
  } catch (error) {
    const body = await page
      .locator('body')
      .innerText({ timeout: 1000 })
      .catch(() => '');
    throw new Error(
      `the browser did not reach ${prefix}: it is at ${page.url()}\nconsole:\n${watched.console.join('\n')}\npage:\n${body.slice(0, 1500)}`,
      { cause: error },
    );
  }
}

/**
 * One walk through the launch pages, run once (in a beforeAll) and read by several tests. It keeps what the walk
 * saw at its checkpoint and how it failed, so a test of an early step passes or fails on that step alone.
 */
export class BrowserRun<Checkpoint, Result> {
  private checkpoint: Checkpoint | undefined;
  private outcome: Result | undefined;
  private failure: Error | undefined;

  /** Records what the walk saw at its checkpoint (called from inside the walk). */
  reached(checkpoint: Checkpoint): void {
    this.checkpoint = checkpoint;
  }

  /** Runs the walk in a fresh browser context and keeps its result or its failure; never throws. */
  async record(browser: Browser, walk: (watched: WatchedPage) => Promise<Result>): Promise<void> {
    const watched = await openWatchedPage(browser);
    try {
      this.outcome = await walk(watched);
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
    } finally {
      await watched.close();
    }
  }

  step(): Checkpoint {
    if (this.checkpoint === undefined) {
      throw this.failure ?? new Error('the browser walk did not reach its checkpoint');
    }
    return this.checkpoint;
  }

  result(): Result {
    if (this.outcome === undefined) {
      throw this.failure ?? new Error('the browser walk did not finish');
    }
    return this.outcome;
  }
}
