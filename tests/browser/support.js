// Fixtures for the browser tests: the real headless lanchat server, Debian's Chromium through
// playwright-core, and a raw WebSocket client. Everything stays on 127.0.0.1.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';

const here = dirname(fileURLToPath(import.meta.url));
export const TOKEN = 'browser-test-token';
export const BINARY = process.env.LANCHAT_BINARY || resolve(here, '../../build/debug/lanchat');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// Without the background-networking flags Chromium tries to reach Google at every start, which
// this machine's network refuses. Playwright adds a fresh temporary --user-data-dir itself.
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-quic', '--no-proxy-server', '--disable-features=Translate,MediaRouter',
];

const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(path) {
  rmSync(path, { recursive: true, force: true });
}

// Starts `lanchat --headless` and resolves once its first stdout line names the port.
export function startServer({ port = 0, dataDir, token = TOKEN, args = [], timeoutMs = 15000 } = {}) {
  return new Promise((resolveStart, rejectStart) => {
    const child = spawn(BINARY, ['--headless', '--port', String(port), '--bind', '127.0.0.1',
      '--token', token, '--data-dir', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`lanchat did not start within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => {
      children.delete(child);
      resolveExit({ code, signal });
    }));
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectStart(new Error(`lanchat exited with ${code} before listening: ${stderr}`));
    });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      // With --tls the first line says https and the second one the certificate's fingerprint.
      const match = /^listening on (https?):\/\/127\.0\.0\.1:(\d+)\n(?:sha256 fingerprint: ([0-9A-F:]+)\n)?/
        .exec(stdout);
      if (!match || (match[1] === 'https' && !match[3])) return;
      clearTimeout(timer);
      const actualPort = Number(match[2]);
      resolveStart({
        port: actualPort,
        url: `${match[1]}://127.0.0.1:${actualPort}`,
        fingerprint: match[3] || '',
        token,
        dataDir,
        stderr: () => stderr,
        // SIGTERM: the graceful stop (close 1001, store what is pending), then the process ends.
        async stop(graceMs = 10000) {
          if (child.exitCode !== null || child.signalCode !== null) return exited;
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          const result = await exited;
          clearTimeout(killer);
          return result;
        },
      });
    });
  });
}

// The server and the browser that the tests of a file share: shareServerAndBrowser() starts them
// before the file's tests and stops them after. Import them by name (live bindings).
export let sharedServer;
export let sharedBrowser;

export function shareServerAndBrowser(serverArgs = []) {
  let dataDir;
  before(async () => {
    dataDir = tempDir('lanchat-browser-');
    sharedServer = await startServer({ dataDir, args: serverArgs });
    sharedBrowser = await launchBrowser();
  });
  after(async () => {
    await sharedBrowser?.close();
    await sharedServer?.stop();
    removeDir(dataDir);
  });
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30000,
  });
}

// A new page that records uncaught errors, console errors and dialogs.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 720 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.problems = [];
  page.dialogs = [];
  page.on('pageerror', (error) => page.problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // A refused reconnect attempt is logged by Chromium itself while the server is down.
    if (/WebSocket connection to .* failed/.test(text)) return;
    page.problems.push(`console: ${text}`);
  });
  page.on('dialog', (dialog) => {
    page.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  return page;
}

export function assertNoProblems(...pages) {
  for (const page of pages) {
    assert.deepEqual(page.problems, [], 'no script errors, no CSP violations');
    assert.deepEqual(page.dialogs, [], 'no dialogs');
  }
}

export async function closeAll(...things) {
  for (const thing of things) await thing.close();
}

// Opens the page with the token in the URL (as an invite does) and waits until it shows the
// join form, in its language. Resolves with the page's response.
export async function openJoin(page, server, token = server.token) {
  const response = await page.goto(`${server.url}/?token=${encodeURIComponent(token)}`);
  await page.waitForSelector('body[data-view="join"]');
  return response;
}

// Opens the page with the token in the URL and joins as `username`.
export async function joinAs(page, server, username, { token = server.token, expectJoin = true } = {}) {
  await openJoin(page, server, token);
  await page.fill('#username', username);
  await page.click('#join-button');
  if (expectJoin) {
    await page.waitForSelector('body[data-view="chat"][data-connection="open"]');
  }
}

// Texts of the stored (acknowledged) messages on a page, in display order.
export function messageTexts(page) {
  return page.$$eval('#messages li[data-type="message"] .text', (nodes) =>
    nodes.map((node) => node.textContent));
}

export function shownIds(page) {
  return page.$$eval('#messages li[data-id]', (nodes) => nodes.map((node) => Number(node.dataset.id)));
}

export async function waitForMessage(page, text) {
  await page.locator('#messages li[data-type="message"] .text', { hasText: text }).first().waitFor();
}

// A raw WebSocket chat client (the `ws` package: node 20 has no global WebSocket).
export class RawClient {
  constructor(server, username) {
    this.frames = [];
    this.waiters = [];
    const query = new URLSearchParams({ token: server.token, username });
    const secure = server.url.startsWith('https:');
    // Over TLS the server's own certificate is the only trusted one (a pin, not a blanket
    // accept): Node checks the chain and the address against it.
    this.socket = new WebSocket(`${secure ? 'wss' : 'ws'}://127.0.0.1:${server.port}/ws?${query}`,
      secure ? { ca: readFileSync(join(server.dataDir, 'tls', 'certificate.pem')) } : {});
    this.closed = new Promise((resolveClose) => this.socket.once('close', resolveClose));
    this.socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)));
      this.waiters = this.waiters.filter((waiter) => !waiter());
    });
    this.socket.on('error', () => {});
  }

  // Resolves with the first frame (received before or after the call) that matches.
  waitFor(predicate, timeoutMs = 15000) {
    return new Promise((resolveWait, rejectWait) => {
      const timer = setTimeout(() => {
        rejectWait(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`));
      }, timeoutMs);
      const check = () => {
        const frame = this.frames.find(predicate);
        if (!frame) return false;
        clearTimeout(timer);
        resolveWait(frame);
        return true;
      };
      if (!check()) this.waiters.push(check);
    });
  }

  async join() {
    await this.waitFor((frame) => frame.type === 'welcome');
    return this;
  }

  // Sends a message and waits for its acknowledgement (the own copy with the cid).
  async say(text) {
    const cid = `raw-${Math.random().toString(36).slice(2)}-${this.frames.length}`;
    this.socket.send(JSON.stringify({ type: 'message', text, cid }));
    return this.waitFor((frame) => frame.type === 'message' && frame.cid === cid);
  }

  async close() {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close(1000);
    await this.closed;
  }
}
