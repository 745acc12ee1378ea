import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium, never a downloaded browser; CI installs it (`.ci/run`). */
export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests skip, or undefined when the browser is there. */
export const NO_CHROMIUM = existsSync(CHROMIUM)
  ? undefined
  : `no browser at ${CHROMIUM}: apt-get install -y chromium`;

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A headless Chromium with the flags CI's containers need. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/**
 * The TPP's side of a redirect: every navigation to `origin` is caught and answered with a stub page (no
 * network needed); the returned function waits for the next one and gives its URL.
 */
export async function catchNavigations(page: Page, origin: string): Promise<() => Promise<URL>> {
  let resolve: (url: URL) => void = () => {};
  let caught = new Promise<URL>((done) => {
    resolve = done;
  });
  await page.route(`${origin}/**`, async (route) => {
    resolve(new URL(route.request().url()));
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<p>Back at the TPP</p>' });
  });
  return async () => {
    const url = await caught;
    caught = new Promise<URL>((done) => {
      resolve = done;
    });
    return url;
  };
}
