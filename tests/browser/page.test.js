// The page's words and cues in a real browser (Debian's Chromium) against the real headless
// server: the length limit (counted as the server counts, never cut), German from the browser's
// language, the unread count in the tab title, the host's badge, bans and mutes worded by the
// page. Run through run.sh (CTest: tst_browser). No fixed sleeps: every wait is on a condition.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertNoProblems, closeAll, joinAs, newPage, openJoin, RawClient, shareServerAndBrowser,
  sharedBrowser as browser, sharedServer as server, waitForMessage,
} from './support.js';

const TEST_TIMEOUT = { timeout: 120000 };
shareServerAndBrowser(['--message-rate', '0']);

// The server's stored messages from `username` (the history API, as any client reads it).
async function storedTextsOf(username) {
  const response = await fetch(`${server.url}/api/history?limit=200`,
    { headers: { Authorization: `Bearer ${server.token}` } });
  assert.equal(response.status, 200);
  const { events } = await response.json();
  return events.filter((e) => e.type === 'message' && e.username === username).map((e) => e.text);
}

// Replaces the composer's text the way a paste does (an editing command, not a value setter).
async function paste(page, text) {
  await page.fill('#message-input', '');
  await page.focus('#message-input');
  await page.keyboard.insertText(text);
}

test('a 10,000-character paste is kept whole, counted and not sent', TEST_TIMEOUT, async () => {
  const page = await newPage(browser, { locale: 'en-US' });
  const watcher = new RawClient(server, 'watcher-long');
  try {
    await watcher.join();
    await joinAs(page, server, 'paster');
    assert.equal(await page.isVisible('#counter'), false, 'no counter far below the limit');

    const long = 'lorem ipsum '.repeat(834).slice(0, 10000);
    assert.equal(long.length, 10000);
    await paste(page, long);
    assert.equal((await page.inputValue('#message-input')).length, 10000, 'the paste is not cut');
    assert.equal(await page.textContent('#counter'), '10,000 / 5,000');
    assert.ok(await page.locator('#counter.over').isVisible());
    assert.match(await page.textContent('#too-long'),
      /^5,000 characters too many: a message can have at most 5,000\./);
    assert.ok(await page.isDisabled('#send'));
    assert.equal(await page.getAttribute('#message-input', 'aria-invalid'), 'true');

    // Enter is refused too: nothing pending, nothing sent, the text stays.
    await page.press('#message-input', 'Enter');
    await page.locator('#send').dispatchEvent('click'); // a disabled button does nothing either
    assert.equal(await page.locator('#pending li').count(), 0);
    assert.equal((await page.inputValue('#message-input')).length, 10000);

    // The server counts UTF-16 code units after trimming (docs/PROTOCOL.md): 2,500 emoji are
    // 5,000 units, with white space around them, and fit exactly…
    const emoji = '😀'.repeat(2500);
    await paste(page, `  \n${emoji}\n  `);
    assert.equal(await page.textContent('#counter'), '5,000 / 5,000');
    assert.equal(await page.isVisible('#too-long'), false);
    assert.ok(await page.isEnabled('#send'));
    // …one more is two units over, although it is only 2,501 code points.
    await paste(page, `${emoji}😀`);
    assert.equal(await page.textContent('#counter'), '5,002 / 5,000');
    assert.match(await page.textContent('#too-long'), /^2 characters too many/);
    await paste(page, 'x'.repeat(5001));
    assert.match(await page.textContent('#too-long'), /^1 character too many/);
    assert.ok(await page.isDisabled('#send'));
    // The server trims as Qt does, not as JavaScript's trim(): U+FEFF stays and counts.
    const zwnbsp = `${'x'.repeat(5000)}\ufeff`;
    watcher.socket.send(JSON.stringify({ type: 'message', text: zwnbsp, cid: 'feff' }));
    assert.equal((await watcher.waitFor((f) => f.cid === 'feff')).code, 'text_too_long');
    await paste(page, zwnbsp);
    assert.equal(await page.textContent('#counter'), '5,001 / 5,000');
    assert.ok(await page.isDisabled('#send'));

    // Shortened to the limit, it goes out whole, and the counter is gone.
    await paste(page, `  \n${emoji}\n  `);
    await page.click('#send');
    const frame = await watcher.waitFor((f) => f.type === 'message' && f.username === 'paster');
    assert.equal(frame.text, `  \n${emoji}\n  `);
    await page.waitForFunction(() => document.querySelectorAll('#pending li').length === 0);
    assert.equal(await page.isVisible('#counter'), false);

    // The only message the server has from the page is the one that fitted: nothing cut.
    assert.deepEqual(await storedTextsOf('paster'), [`  \n${emoji}\n  `]);
    assert.equal(watcher.frames.filter((f) => f.type === 'message' && f.username === 'paster').length, 1);
    assertNoProblems(page);
  } finally {
    await watcher.close();
    await page.context().close();
  }
});

test('with German as the browser language the page is German', TEST_TIMEOUT, async () => {
  const page = await newPage(browser, { locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const writer = new RawClient(server, 'schreiber');
  try {
    await openJoin(page, server, 'wrong-token');
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    assert.equal(await page.title(), 'Dem Chat beitreten – LanChat');
    assert.equal(await page.textContent('#join-form h2'), 'Dem Chat beitreten');
    assert.equal(await page.getByLabel('Dein Name').count(), 1);
    assert.equal(await page.getByLabel('Zugangstoken').count(), 1);
    assert.equal(await page.textContent('#join-button'), 'Beitreten');

    // An error frame's code is worded by the page, not the server's English message.
    await page.fill('#username', 'lena');
    await page.click('#join-button');
    await page.locator('#join-error', { hasText: 'Der Server hat das Zugangstoken abgelehnt.' })
      .waitFor();
    await page.fill('#username', '');
    await page.click('#join-button');
    assert.equal(await page.textContent('#join-error'), 'Gib einen Namen mit 1 bis 32 Zeichen ein.');

    await page.fill('#token', server.token);
    await page.fill('#username', 'lena');
    await page.click('#join-button');
    await page.waitForSelector('body[data-view="chat"][data-connection="open"]');
    assert.equal(await page.title(), 'LanChat – lena');
    assert.equal(await page.textContent('#status'), 'Verbunden');
    assert.equal(await page.textContent('#send'), 'Senden');
    assert.equal(await page.getAttribute('#message-input', 'placeholder'), 'Nachricht an #general');
    assert.equal(await page.getAttribute('#messages', 'aria-label'), 'Nachrichten');
    assert.equal(await page.textContent('#users li.me .you'), '(du)');
    await page.locator('#messages li.system', { hasText: 'lena ist beigetreten' }).waitFor();

    // Times and dates in the German formats: a 24-hour clock, the full date as the tooltip.
    await writer.join();
    const frame = await writer.say('Hallo Lena');
    await waitForMessage(page, 'Hallo Lena');
    const time = page.locator('#messages li[data-type="message"] time').last();
    const clock = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit',
      timeZone: 'Europe/Berlin' }).format(new Date(frame.ts));
    assert.ok((await time.textContent()).endsWith(clock), await time.textContent());
    const weekday = '(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)';
    const month = '(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November'
      + '|Dezember)';
    assert.match(await time.getAttribute('title'),
      new RegExp(`^${weekday}, \\d{1,2}\\. ${month} \\d{4} um \\d\\d:\\d\\d:\\d\\d$`));
    await writer.close();
    await page.locator('#messages li.system', { hasText: 'schreiber ist gegangen' }).waitFor();

    // The counter in German number format, the over-limit message in German.
    await paste(page, 'x'.repeat(5001));
    assert.equal(await page.textContent('#counter'), '5.001 / 5.000');
    assert.match(await page.textContent('#too-long'),
      /^1 Zeichen zu viel: Eine Nachricht darf höchstens 5\.000 Zeichen haben\./);

    await page.click('#leave');
    await page.waitForSelector('body[data-view="join"]');
    assert.equal(await page.title(), 'Dem Chat beitreten – LanChat');
    assertNoProblems(page);
  } finally {
    await writer.close();
    await page.context().close();
  }
});

test('the tab title counts messages that arrive while the tab is hidden', TEST_TIMEOUT, async () => {
  const page = await newPage(browser, { locale: 'en-US' });
  const talker = new RawClient(server, 'talker');
  let visitor;
  try {
    await talker.join();
    await joinAs(page, server, 'nina');
    await talker.say('seen while looking');
    await waitForMessage(page, 'seen while looking');
    assert.equal(await page.title(), 'LanChat – nina');

    // The tab goes to the background (as when another tab is chosen).
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await talker.say('one');
    await page.waitForFunction(() => document.title === '(1) LanChat – nina');
    await talker.say('two');
    await page.waitForFunction(() => document.title === '(2) LanChat – nina');
    // Joins and leaves are not unread messages.
    visitor = await new RawClient(server, 'visitor').join();
    await page.locator('#messages li.system', { hasText: 'visitor joined' }).waitFor();
    assert.equal(await page.title(), '(2) LanChat – nina');

    // Back to the tab: read.
    await page.evaluate(() => {
      delete document.visibilityState;
      delete document.hidden;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.waitForFunction(() => document.title === 'LanChat – nina');
    await talker.say('three');
    await waitForMessage(page, 'three');
    assert.equal(await page.title(), 'LanChat – nina');
    assertNoProblems(page);
  } finally {
    await visitor?.close();
    await talker.close();
    await page.context().close();
  }
});

test('the host has a badge in the online list when the server names it', TEST_TIMEOUT, async () => {
  // The server's side is scripted here (Playwright's routeWebSocket), as in the kick test: a
  // welcome with and one without `operators`, a join with `operator: true`.
  const welcome = (username, extra) => JSON.stringify({
    type: 'welcome', protocol: 2, username, users: [username, 'hostess', 'zed'], lastId: 0,
    server: { name: 'LanChat', version: 'test' }, limits: { maxTextLength: 5000, maxFrameBytes: 65536 },
    ...extra,
  });
  const badges = (page) => page.$$eval('#users li', (nodes) => nodes
    .filter((node) => node.querySelector('.badge'))
    .map((node) => [node.firstChild.textContent, node.querySelector('.badge').textContent]));
  const page = await newPage(browser, { locale: 'en-US' });
  const older = await newPage(browser, { locale: 'de-DE' });
  try {
    await page.routeWebSocket(/\/ws\?/, (ws) => {
      ws.send(welcome('ivan', { operators: ['hostess'] }));
      ws.onMessage((message) => {
        if (JSON.parse(message).text !== 'who hosts?') return;
        const ts = new Date().toISOString();
        ws.send(JSON.stringify({ type: 'join', id: 1, username: 'boss', ts, operator: true }));
        ws.send(JSON.stringify({ type: 'message', id: 2, username: 'hostess', text: 'I do', ts,
          operator: true }));
        ws.send(JSON.stringify({ type: 'join', id: 3, username: 'zed', ts }));
        ws.send(JSON.stringify({ type: 'leave', id: 4, username: 'hostess', ts }));
        ws.send(JSON.stringify({ type: 'join', id: 5, username: 'hostess', ts }));
      });
    });
    await joinAs(page, server, 'ivan');
    assert.deepEqual(await badges(page), [['hostess', 'host']]);
    await page.fill('#message-input', 'who hosts?');
    await page.press('#message-input', 'Enter');
    await page.locator('#messages li.system', { hasText: 'hostess joined' }).waitFor();
    // boss joined as the host; hostess left and came back as nobody in particular: a set by name.
    assert.deepEqual(await badges(page), [['boss', 'host']]);
    assert.deepEqual(await page.$$eval('#users li', (nodes) => nodes.map((node) => node.firstChild.textContent)),
      ['boss', 'hostess', 'ivan', 'zed']);
    // The host's message carries the badge too.
    const message = page.locator('#messages li[data-type="message"]', { hasText: 'I do' });
    assert.equal(await message.locator('.badge').textContent(), 'host');

    // A server that sends no `operators` (older ones): no badge, nothing breaks.
    await older.routeWebSocket(/\/ws\?/, (ws) => {
      ws.send(welcome('olga', {}));
      ws.send(JSON.stringify({ type: 'join', id: 1, username: 'gast', ts: new Date().toISOString() }));
    });
    await joinAs(older, server, 'olga');
    await older.locator('#messages li.system', { hasText: 'gast ist beigetreten' }).waitFor();
    assert.deepEqual(await badges(older), []);
    assert.equal(await older.locator('#users li').count(), 4);
    assertNoProblems(page, older);
  } finally {
    await closeAll(page.context(), older.context());
  }
});

test('bans and mutes are worded by the page: until when and why', TEST_TIMEOUT, async () => {
  // The headless server has no mute or ban command, so a scripted WebSocket speaks the server's
  // side here (Playwright's routeWebSocket, as in the kick test): error frames `banned` and
  // `muted` with `until` (ms since the epoch, absent when permanent) and `reason`, and without
  // them as older servers send them. The page and HTTP are real.
  const welcome = (username) => JSON.stringify({
    type: 'welcome', protocol: 2, username, users: [username], lastId: 0,
    server: { name: 'LanChat', version: 'test' }, limits: { maxTextLength: 5000, maxFrameBytes: 65536 },
  });
  const later = Date.UTC(2031, 2, 14, 18, 30); // another day: date and time
  const now = new Date();
  // Today (in the pages' time zone, UTC): the time alone.
  const tonight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 23, 58);
  const german = await newPage(browser, { locale: 'de-DE', timezoneId: 'UTC' });
  const english = await newPage(browser, { locale: 'en-GB', timezoneId: 'UTC' });
  try {
    let route; // the page's WebSocket, server side: frames are sent from the test's steps
    await german.routeWebSocket(/\/ws\?/, (ws) => {
      route = ws;
      ws.send(welcome('lena'));
      // The mute starts: the server says so once, without a cid.
      ws.send(JSON.stringify({ type: 'error', code: 'muted', until: tonight,
        reason: 'zu viele <b>Links</b>', message: 'The operator muted you until 23:58 UTC.' }));
      ws.onMessage((message) => {
        const frame = JSON.parse(message);
        if (frame.type !== 'message') return; // `typing` while the reader writes
        if (frame.text === 'hallo') {
          ws.send(JSON.stringify({ type: 'error', code: 'muted', cid: frame.cid, until: later,
            reason: '', message: 'You are muted until 2031-03-14 18:30 UTC.' }));
        } else {
          ws.send(JSON.stringify({ type: 'message', id: 1, username: 'lena', text: frame.text,
            cid: frame.cid, ts: new Date().toISOString() }));
        }
      });
    });
    const muted = (extra) => route.send(JSON.stringify({ type: 'error', code: 'muted',
      message: 'muted', ...extra }));
    await joinAs(german, server, 'lena');
    await german.locator('#notice', { hasText: 'stummgeschaltet' }).waitFor();
    assert.equal(await german.textContent('#notice'), 'Du bist bis 23:58 stummgeschaltet: Du '
      + 'kannst lesen, aber nicht senden. Grund: zu viele <b>Links</b>');
    assert.ok(await german.isEnabled('#message-input'), 'a muted reader can still write');
    // A message sent while muted is refused, worded the same way; another day gets its date.
    await german.fill('#message-input', 'hallo');
    await german.press('#message-input', 'Enter');
    await german.locator('#pending li.failed').waitFor();
    assert.equal(await german.textContent('#pending li.failed .delivery'), 'Nicht gesendet: Du '
      + 'bist bis 14.03.2031, 18:30 stummgeschaltet: Du kannst lesen, aber nicht senden.');
    assert.ok(await german.isVisible('#notice'));
    await german.click('#pending li.failed button');
    // The mute ends: when the server says `unmuted`, at `until`, or when a message goes through.
    route.send(JSON.stringify({ type: 'unmuted' }));
    await german.waitForSelector('#notice', { state: 'hidden' });
    muted({ until: Date.now() + 1500, reason: '' });
    await german.waitForSelector('#notice', { state: 'visible' });
    await german.waitForSelector('#notice', { state: 'hidden' });
    muted({ reason: 'Ruhe' });
    await german.locator('#notice', { hasText: 'dauerhaft' }).waitFor();
    assert.equal(await german.textContent('#notice'), 'Du bist dauerhaft stummgeschaltet: Du '
      + 'kannst lesen, aber nicht senden. Grund: Ruhe');
    await german.fill('#message-input', 'kurz');
    await german.press('#message-input', 'Enter');
    await waitForMessage(german, 'kurz');
    assert.ok(await german.isHidden('#notice'));

    const refusals = [
      { code: 'banned', until: later, reason: 'Spam <i>links</i>', message: 'banned until…' },
      { code: 'banned', reason: '', message: 'You are banned from this chat.' },
      // An older server: no until, no reason; its message says it.
      { code: 'banned', message: 'You are banned from this chat until 2031-03-14 18:30 UTC.' },
    ];
    let englishRoute;
    await english.routeWebSocket(/\/ws\?/, (ws) => {
      englishRoute = ws;
      const refusal = refusals.shift();
      if (refusal) {
        ws.send(JSON.stringify({ type: 'error', ...refusal }));
        ws.close({ code: 4003, reason: 'banned' });
        return;
      }
      ws.send(welcome('eve'));
      ws.send(JSON.stringify({ type: 'error', code: 'muted',
        message: 'The operator muted you until 2031-03-14 18:30 UTC: you can read, but not send.' }));
    });
    const refusedWith = async (text) => {
      await joinAs(english, server, 'eve', { expectJoin: false });
      await english.locator('#join-error', { hasText: 'banned' }).waitFor();
      assert.equal(await english.textContent('#join-error'), text);
    };
    await refusedWith('You are banned from this chat until 14 Mar 2031, 18:30. '
      + 'Reason: Spam <i>links</i>');
    await refusedWith('You are banned from this chat permanently.');
    await refusedWith('You are banned from this chat. The server adds: '
      + '“You are banned from this chat until 2031-03-14 18:30 UTC.”');
    await joinAs(english, server, 'eve');
    await english.locator('#notice', { hasText: 'muted' }).waitFor();
    assert.equal(await english.textContent('#notice'), 'The operator muted you: you can read, '
      + 'but not send. The server adds: “The operator muted you until 2031-03-14 18:30 UTC: you '
      + 'can read, but not send.”');
    // A close after the welcome is worded from its code: the mute's error frame does not
    // stand for it.
    englishRoute.close({ code: 4003, reason: 'banned' });
    await english.locator('#notice', { hasText: 'banned' }).waitFor();
    const ending = await english.textContent('#notice');
    assert.ok(ending.startsWith('You are banned from this chat') && !ending.includes('muted'),
      ending);
    assertNoProblems(german, english);
  } finally {
    await closeAll(german.context(), english.context());
  }
});
