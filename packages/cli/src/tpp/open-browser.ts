import { spawn } from 'node:child_process';

/**
 * Opens the URL in the desktop's browser when there is a desktop (macOS, or X11/Wayland on Linux). A
 * missing opener is no failure: the URL is printed anyway.
 */
export function openBrowser(url: string): boolean {
  const opener =
    process.platform === 'darwin'
      ? 'open'
      : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
        ? 'xdg-open'
        : undefined;
  if (!opener) return false;
  try {
    const child = spawn(opener, [url], { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}
