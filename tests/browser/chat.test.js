// The browser client in a real browser (Debian's Chromium) against the real headless server.
// Run through run.sh (CTest: tst_browser). No fixed sleeps: every wait is on a condition.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  assertNoProblems, closeAll, joinAs, messageTexts, newPage, openJoin, RawClient, removeDir,
  shareServerAndBrowser, sharedBrowser as browser, sharedServer as server, shownIds, startServer,
  tempDir, waitForMessage,
} from './support.js';

const TEST_TIMEOUT = { timeout: 120000 };
// Flood control off for the shared server: the history test sends 130 messages at once. The
// flood control test below has a server with the default limits.
shareServerAndBrowser(['--message-rate', '0']);

test('the page comes with its security headers and prefills the token', TEST_TIMEOUT, async () => {
  const page = await newPage(browser);
  try {
    const response = await openJoin(page, server, 'abc def');
    assert.equal(response.status(), 200);
    const headers = response.headers();
    assert.equal(headers['content-type'], 'text/html; charset=utf-8');
    assert.match(headers['content-security-policy'], /script-src 'self'/);
    assert.equal(headers['referrer-policy'], 'no-referrer');
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(await page.inputValue('#token'), 'abc def');
    assert.equal(await page.getAttribute('#username', 'required'), '');
    // Labels name every field of the join form.
    assert.equal(await page.getByLabel('Your name').count(), 1);
    assert.equal(await page.getByLabel('Access token').count(), 1);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('over TLS the page chats on wss and plain http is sent to https', TEST_TIMEOUT, async () => {
  const tlsDir = tempDir('lanchat-browser-tls-');
  const tls = await startServer({ dataDir: tlsDir, args: ['--tls'] });
  // Chromium cannot pin: the self-signed certificate is accepted for this context only, the way
  // a user accepts it after comparing the fingerprint the operator shows.
  const page = await newPage(browser, { ignoreHTTPSErrors: true });
  const raw = new RawClient(tls, 'dave');
  try {
    assert.match(tls.url, /^https:/);
    assert.match(tls.fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const plain = await fetch(`http://127.0.0.1:${tls.port}/?x=1`, { redirect: 'manual' });
    assert.equal(plain.status, 307);
    assert.equal(plain.headers.get('location'), `https://127.0.0.1:${tls.port}/?x=1`);

    await joinAs(page, tls, 'erin');
    assert.equal(await page.evaluate(() => location.protocol), 'https:');
    await raw.join();
    await raw.say('over wss');
    await waitForMessage(page, 'over wss');
    await page.fill('#message-input', 'back over wss');
    await page.press('#message-input', 'Enter');
    const frame = await raw.waitFor((f) => f.type === 'message' && f.text === 'back over wss');
    assert.equal(frame.username, 'erin');
    assertNoProblems(page);
  } finally {
    await raw.close();
    await page.context().close();
    await tls.stop();
    removeDir(tlsDir);
  }
});

test('two pages and a raw WebSocket client chat with each other', TEST_TIMEOUT, async () => {
  const alice = await newPage(browser);
  const bob = await newPage(browser);
  const carol = new RawClient(server, 'carol');
  try {
    await joinAs(alice, server, 'alice');
    await joinAs(bob, server, 'bob');
    await carol.join();

    // Alice sends with Enter; Bob and Carol get it; Alice's copy is acknowledged (not pending).
    await alice.fill('#message-input', 'Hello from Alice');
    await alice.press('#message-input', 'Enter');
    await waitForMessage(bob, 'Hello from Alice');
    const frame = await carol.waitFor((f) => f.type === 'message' && f.text === 'Hello from Alice');
    assert.equal(frame.username, 'alice');
    await alice.waitForSelector('#messages li.own[data-type="message"]');
    await alice.waitForFunction(() => document.querySelectorAll('#pending li').length === 0);
    assert.equal(await alice.inputValue('#message-input'), '');

    // Shift+Enter is a new line, Enter sends.
    await alice.focus('#message-input');
    await alice.keyboard.type('line one');
    await alice.keyboard.press('Shift+Enter');
    await alice.keyboard.type('line two');
    await alice.keyboard.press('Enter');
    await carol.waitFor((f) => f.type === 'message' && f.text === 'line one\nline two');
    await bob.waitForFunction(() => [...document.querySelectorAll('#messages .text')]
      .some((node) => node.textContent === 'line one\nline two'));

    // The raw client's message reaches both pages, with the sender and a time.
    await carol.say('Hi from Carol');
    await waitForMessage(alice, 'Hi from Carol');
    await waitForMessage(bob, 'Hi from Carol');
    const last = bob.locator('#messages li[data-type="message"]').last();
    assert.equal(await last.locator('.sender').textContent(), 'carol');
    assert.match(await last.locator('time').getAttribute('datetime'), /^\d{4}-\d\d-\d\dT.*Z$/);

    // Users online: from welcome, then join and leave.
    await alice.waitForFunction(() => document.querySelector('#users-count').textContent === '3');
    const users = await alice.$$eval('#users li', (nodes) => nodes.map((node) => node.firstChild.textContent));
    assert.deepEqual(users, ['alice', 'bob', 'carol']);
    await carol.close();
    await alice.waitForFunction(() => document.querySelector('#users-count').textContent === '2');
    await alice.locator('#messages li.system', { hasText: 'carol left' }).waitFor();

    // The name is remembered for the next visit; the token comes from the URL.
    const again = await bob.context().newPage();
    await again.goto(`${server.url}/?token=${server.token}`);
    assert.equal(await again.inputValue('#username'), 'bob');
    assert.equal(await again.inputValue('#token'), server.token);
    await again.close();
    assertNoProblems(alice, bob);
  } finally {
    await carol.close();
    await closeAll(alice.context(), bob.context());
  }
});

test('history loads on join and on scroll up, without gaps or duplicates', TEST_TIMEOUT, async () => {
  const dave = new RawClient(server, 'dave');
  const erin = await newPage(browser, { viewport: { width: 800, height: 600 } });
  try {
    await dave.join();
    const count = 130; // more than two pages of 50
    const sent = [];
    for (let i = 0; i < count; i += 1) sent.push(`history ${String(i).padStart(3, '0')}`);
    for (const text of sent) await dave.say(text);

    await joinAs(erin, server, 'erin');
    await waitForMessage(erin, 'history 129');
    assert.ok(!(await messageTexts(erin)).includes('history 000'), 'only the newest page at first');

    // Scrolling to the top loads the next older page, until the start of the history.
    for (let pages = 0; pages < 20; pages += 1) {
      if (await erin.locator('#history-status', { hasText: 'Start of the history' }).count()) break;
      const shown = (await shownIds(erin)).length;
      await erin.$eval('#scroller', (node) => { node.scrollTop = 0; });
      await erin.waitForFunction((before) => document.querySelectorAll('#messages li').length > before
        || document.querySelector('#history-status').textContent === 'Start of the history', shown);
    }
    await erin.locator('#history-status', { hasText: 'Start of the history' }).waitFor();

    const texts = (await messageTexts(erin)).filter((text) => text.startsWith('history '));
    assert.deepEqual(texts, sent);
    const ids = await shownIds(erin);
    assert.equal(new Set(ids).size, ids.length, 'no duplicates');
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'in id order');
    assertNoProblems(erin);
  } finally {
    await dave.close();
    await erin.context().close();
  }
});

test('HTML in a message is shown as text', TEST_TIMEOUT, async () => {
  const mallory = await newPage(browser);
  const victim = await newPage(browser);
  try {
    await joinAs(mallory, server, 'mallory');
    await joinAs(victim, server, 'victim');
    const html = '<img src=x onerror=alert(1)><b>x</b>';
    await mallory.fill('#message-input', html);
    await mallory.press('#message-input', 'Enter');
    await victim.waitForFunction((text) => [...document.querySelectorAll('#messages .text')]
      .some((node) => node.textContent === text), html);
    for (const page of [mallory, victim]) {
      assert.equal(await page.locator('#messages img, #messages b').count(), 0);
      assert.equal(await page.locator('#users b').count(), 0);
    }
    assertNoProblems(mallory, victim);
  } finally {
    await closeAll(mallory.context(), victim.context());
  }
});

test('wrong token, taken name and invalid name are explained', TEST_TIMEOUT, async () => {
  const page = await newPage(browser);
  const other = await newPage(browser);
  try {
    await joinAs(page, server, 'frank', { token: 'wrong-token', expectJoin: false });
    await page.locator('#join-error', { hasText: 'refused the access token' }).waitFor();
    assert.ok(await page.isHidden('#chat-view'));
    assert.equal(await page.evaluate(() => document.activeElement.id), 'token');

    // Another browser (another identity) registered the name: it is refused even while that
    // browser is online, and says so.
    await joinAs(other, server, 'Hank');
    await joinAs(page, server, 'HANK', { expectJoin: false });
    await page.locator('#join-error', { hasText: 'registered to someone else' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'username');
    // A client without an identity (protocol version 1) holds a name nobody registered: taken.
    const ivy = new RawClient(server, 'Ivy');
    await ivy.join();
    await joinAs(page, server, 'IVY', { expectJoin: false });
    await page.locator('#join-error', { hasText: 'already taken' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'username');
    await ivy.close();

    await joinAs(page, server, 'admin', { expectJoin: false });
    await page.locator('#join-error', { hasText: 'did not accept the name' }).waitFor();
    // A name that looks like markup is refused by the server, with its reason.
    await joinAs(page, server, '<b>mallory</b>', { expectJoin: false });
    await page.locator('#join-error', { hasText: '<, > or &' }).waitFor();

    // And with a good name the same page joins.
    await page.fill('#username', 'frank');
    await page.click('#join-button');
    await page.waitForSelector('body[data-view="chat"][data-connection="open"]');
    assertNoProblems(page, other);
  } finally {
    await closeAll(page.context(), other.context());
  }
});

test('a kicked page shows the reason and stays out', TEST_TIMEOUT, async () => {
  // The headless server has no kick command, so a scripted WebSocket speaks the server's side of
  // docs/PROTOCOL.md here (Playwright's routeWebSocket); the page and HTTP are real.
  const page = await newPage(browser);
  let connects = 0;
  try {
    await page.routeWebSocket(/\/ws\?/, (ws) => {
      connects += 1;
      ws.send(JSON.stringify({
        type: 'welcome', protocol: 2, username: 'ivan', users: ['ivan', 'operator'], lastId: 0,
        server: { name: 'LanChat', version: 'test' }, limits: { maxTextLength: 5000, maxFrameBytes: 65536 },
      }));
      ws.onMessage((message) => {
        const frame = JSON.parse(message);
        if (frame.text !== 'kick me') return;
        ws.send(JSON.stringify({ type: 'kicked', reason: 'Too many <b>links</b>' }));
        ws.close({ code: 4000, reason: 'kicked' });
      });
    });
    await joinAs(page, server, 'ivan');
    await page.fill('#message-input', 'kick me');
    await page.press('#message-input', 'Enter');
    await page.waitForSelector('body[data-connection="kicked"]');
    assert.equal(await page.textContent('#notice'),
      'You were removed from the chat by the operator: Too many <b>links</b>');
    assert.ok(await page.isDisabled('#message-input'));
    assert.ok(await page.isHidden('#retry-now'), 'no reconnect is scheduled');
    assert.equal(connects, 1);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('after a server restart the page reconnects and catches up', TEST_TIMEOUT, async () => {
  const restartDir = tempDir('lanchat-restart-');
  let first = await startServer({ dataDir: restartDir });
  let second;
  const page = await newPage(browser);
  let gina;
  try {
    // Reconnect attempts go to the real server unless `blocked`: then they fail at once, so the
    // test controls that messages are sent while the page is away.
    let blocked = false;
    await page.routeWebSocket(/\/ws\?/, (ws) => {
      if (blocked) ws.close({ code: 1013, reason: 'blocked by the test' });
      else ws.connectToServer();
    });
    await joinAs(page, first, 'judy');
    await page.fill('#message-input', 'before the restart');
    await page.press('#message-input', 'Enter');
    await page.waitForFunction(() => document.querySelectorAll('#pending li').length === 0);

    await first.stop();
    await page.waitForSelector('body[data-connection="reconnecting"], body[data-connection="connecting"]');
    blocked = true;
    await page.fill('#message-input', 'typed while away');
    await page.press('#message-input', 'Enter');
    await page.locator('#pending li.pending', { hasText: 'typed while away' }).waitFor();

    second = await startServer({ port: first.port, dataDir: restartDir });
    gina = await new RawClient(second, 'gina').join();
    const missed = ['missed 1', 'missed 2', 'missed 3'];
    for (const text of missed) await gina.say(text);

    blocked = false; // the next backoff attempt gets through
    await page.waitForSelector('body[data-connection="open"]', { timeout: 45000 });
    for (const text of missed) await waitForMessage(page, text);
    await page.waitForFunction(() => document.querySelectorAll('#pending li').length === 0);
    await gina.waitFor((f) => f.type === 'message' && f.text === 'typed while away');

    const texts = await messageTexts(page);
    assert.deepEqual(texts, ['before the restart', ...missed, 'typed while away']);
    const ids = await shownIds(page);
    assert.equal(new Set(ids).size, ids.length, 'no duplicates');
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'in id order');
    assert.equal(gina.frames.filter((f) => f.text === 'typed while away').length, 1);
    assertNoProblems(page);
  } finally {
    await gina?.close();
    await page.context().close();
    await second?.stop();
    await first.stop();
    removeDir(restartDir);
  }
});

test('a quick burst from the page arrives complete and in order despite flood control', TEST_TIMEOUT, async () => {
  const floodDir = tempDir('lanchat-flood-');
  const limited = await startServer({ dataDir: floodDir }); // default limits: 2 messages/s, burst 5
  const page = await newPage(browser);
  const watcher = new RawClient(limited, 'watcher');
  try {
    await watcher.join();
    let rateLimited = 0;
    page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
      if (String(payload).includes('"rate_limited"')) rateLimited += 1;
    }));
    await joinAs(page, limited, 'quick');
    const texts = Array.from({ length: 9 }, (_, i) => `burst ${i + 1}`);
    for (const text of texts) {
      await page.fill('#message-input', text);
      await page.press('#message-input', 'Enter');
    }
    // More than the burst: some are refused with rate_limited and go out again after a pause.
    await page.waitForFunction(() => document.querySelectorAll('#pending li').length === 0,
      undefined, { timeout: 30000 });
    assert.deepEqual(await messageTexts(page), texts);
    assert.ok(rateLimited > 0, 'the flood control did refuse some');
    await watcher.waitFor((f) => f.type === 'message' && f.text === 'burst 9');
    assert.deepEqual(watcher.frames.filter((f) => f.type === 'message').map((f) => f.text), texts);
    assert.ok(await page.isEnabled('#message-input'), 'still connected');
    assertNoProblems(page);
  } finally {
    await watcher.close();
    await page.context().close();
    await limited.stop();
    removeDir(floodDir);
  }
});

test('a message the server could not store waits and goes out once there is room', TEST_TIMEOUT, async () => {
  const fullDir = tempDir('lanchat-full-');
  // A history capped at 1 MiB, filled up before the page writes.
  const full = await startServer({ dataDir: fullDir, args: ['--message-rate', '0', '--max-history-size', '1'] });
  let roomy;
  const page = await newPage(browser);
  const filler = new RawClient(full, 'filler');
  let reader;
  try {
    await filler.join();
    const padding = 'x'.repeat(4000);
    for (let i = 0; ; i += 1) {
      assert.ok(i < 1000, 'the history never filled up');
      const cid = `fill-${i}`;
      filler.socket.send(JSON.stringify({ type: 'message', text: `${i} ${padding}`, cid }));
      const answer = await filler.waitFor((f) => f.cid === cid);
      if (answer.type === 'error') {
        assert.equal(answer.code, 'storage_failed');
        break;
      }
    }
    let storageFailed = 0;
    page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
      if (String(payload).includes('"storage_failed"')) storageFailed += 1;
    }));
    await joinAs(page, full, 'keeper');
    const text = `kept for later ${'y'.repeat(3000)}`;
    await page.fill('#message-input', text);
    await page.press('#message-input', 'Enter');
    // Refused for now: still pending (waiting to be sent again), not given up as "Not sent".
    await page.waitForFunction(() => {
      const delivery = document.querySelector('#pending li .delivery');
      return delivery && delivery.textContent !== 'Sending…';
    });
    assert.ok(storageFailed > 0, 'the server did refuse to store it');
    assert.equal(await page.locator('#pending li.failed').count(), 0, 'not given up');
    assert.equal(await page.locator('#pending li.pending').count(), 1);

    // Room again (the same history without the cap): the page reconnects and sends it, once.
    const port = full.port;
    await full.stop();
    roomy = await startServer({ port, dataDir: fullDir });
    await page.waitForFunction(() => document.querySelectorAll('#pending li').length === 0,
      undefined, { timeout: 60000 });
    await waitForMessage(page, text);
    reader = await new RawClient(roomy, 'reader').join();
    const response = await fetch(`${roomy.url}/api/history?limit=5`,
      { headers: { Authorization: `Bearer ${roomy.token}` } });
    const { events } = await response.json();
    assert.equal(events.filter((e) => e.type === 'message' && e.text === text).length, 1);
    assertNoProblems(page);
  } finally {
    await filler.close();
    await reader?.close();
    await page.context().close();
    await roomy?.stop();
    await full.stop();
    removeDir(fullDir);
  }
});

test('the catch-up after a reconnect misses nothing while others keep chatting', TEST_TIMEOUT, async () => {
  const gapDir = tempDir('lanchat-gap-');
  const gapServer = await startServer({ dataDir: gapDir, args: ['--message-rate', '0'] });
  const page = await newPage(browser);
  const writer = new RawClient(gapServer, 'writer');
  try {
    await writer.join();
    // The page's WebSocket goes through the test: it can be cut, and reconnects refused.
    let blocked = false;
    let current = null;
    await page.routeWebSocket(/\/ws\?/, (ws) => {
      if (blocked) {
        ws.close({ code: 1013, reason: 'blocked by the test' });
        return;
      }
      current = { page: ws, server: ws.connectToServer() };
    });
    await joinAs(page, gapServer, 'reader');
    await writer.say('before the gap');
    await waitForMessage(page, 'before the gap');

    blocked = true;
    await current.server.close();
    await current.page.close({ code: 1006, reason: 'cut by the test' });
    await page.waitForSelector('body[data-connection="reconnecting"]');
    // More than two catch-up pages of 500 are written while the page is away.
    const missed = Array.from({ length: 1200 }, (_, i) => `missed ${i + 1}`);
    for (const text of missed) writer.socket.send(JSON.stringify({ type: 'message', text }));
    await writer.waitFor((f) => f.type === 'message' && f.text === missed.at(-1), 60000);

    // The first catch-up page is held back until a live message has arrived on the new
    // connection: live frames must not move where the next page starts.
    let heldSeen;
    const held = new Promise((resolveHeld) => { heldSeen = resolveHeld; });
    let release;
    const released = new Promise((resolveRelease) => { release = resolveRelease; });
    let first = true;
    await page.route((url) => url.pathname === '/api/history' && url.searchParams.has('after'),
      async (route) => {
        if (first) {
          first = false;
          heldSeen();
          await released;
        }
        await route.continue();
      });
    blocked = false;
    // The page's own backoff may reconnect first on a loaded machine, and the button hides as it
    // does: the click only hurries the retry, and `held` proves a catch-up started either way.
    await page.locator('#retry-now').click({ timeout: 2000 }).catch(() => {});
    await held;
    await page.waitForSelector('body[data-connection="open"]');
    await writer.say('live during the catch-up');
    await waitForMessage(page, 'live during the catch-up');
    release();

    const expected = ['before the gap', ...missed, 'live during the catch-up'];
    await page.waitForFunction((count) =>
      document.querySelectorAll('#messages li[data-type="message"]').length >= count,
    expected.length, { timeout: 30000 }).catch(() => {});
    const texts = await messageTexts(page);
    const absent = expected.filter((text) => !texts.includes(text));
    assert.deepEqual(absent.slice(0, 5), [], `${absent.length} messages never appeared`);
    assert.deepEqual(texts, expected);
    const ids = await shownIds(page);
    assert.equal(new Set(ids).size, ids.length, 'no duplicates');
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'in id order');
    assertNoProblems(page);
  } finally {
    await writer.close();
    await page.context().close();
    await gapServer.stop();
    removeDir(gapDir);
  }
});

test('screenshots on a desktop and a phone', TEST_TIMEOUT, async () => {
  const outDir = process.env.LANCHAT_SCREENSHOT_DIR || tempDir('lanchat-shots-');
  mkdirSync(outDir, { recursive: true });
  const shotsDir = tempDir('lanchat-shots-data-');
  const shotServer = await startServer({ dataDir: shotsDir });
  const kim = new RawClient(shotServer, 'kim');
  const sam = new RawClient(shotServer, 'sam');
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
    deviceScaleFactor: 2 };
  const shots = [
    ['browser-desktop.png', { viewport: { width: 1280, height: 800 } }],
    ['browser-phone.png', phone],
    ['browser-phone-dark.png', { ...phone, colorScheme: 'dark' }],
  ];
  try {
    await kim.join();
    await sam.join();
    await kim.say('Lunch at 12:30 in the small meeting room?');
    await sam.say('Count me in. Who books the table?');
    await kim.say('I will. Bring the slides:\n1. roadmap\n2. budget');
    for (const [index, [name, options]] of shots.entries()) {
      const page = await newPage(browser, options);
      // The same person on each device: one identity, or the name registered by the first
      // shot's browser would be refused to the others.
      await page.addInitScript(() => localStorage.setItem('lanchat.identity',
        'screenshot-identity-of-lee-0123456789'));
      try {
        await joinAs(page, shotServer, 'lee');
        if (index === 0) {
          await page.fill('#message-input', 'Sounds good, see you there!');
          await page.press('#message-input', 'Enter');
          await page.waitForFunction(() => document.querySelectorAll('#pending li').length === 0);
        } else {
          await waitForMessage(page, 'Sounds good, see you there!');
        }
        await page.fill('#message-input', 'On my way');
        await page.screenshot({ path: join(outDir, name) });
        assertNoProblems(page);
      } finally {
        await page.context().close();
      }
    }
  } finally {
    await kim.close();
    await sam.close();
    await shotServer.stop();
    removeDir(shotsDir);
    if (!process.env.LANCHAT_SCREENSHOT_DIR) removeDir(outDir);
  }
});
