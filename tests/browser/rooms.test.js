// The browser page's conversations (issue 20) in Debian's Chromium against the real headless
// server: the sidebar of rooms and direct messages, joining and leaving, topics, typing, unread
// badges, the composer's commands, the phone layout and registered membership across a reload.
// Every page has its own browser context, hence its own identity (a registered name). No fixed
// sleeps: every wait is on a condition.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  assertNoProblems, joinAs, messageTexts, newPage, removeDir, shareServerAndBrowser,
  sharedBrowser as browser, sharedServer as server, tempDir, waitForMessage,
} from './support.js';

const TEST_TIMEOUT = { timeout: 120000 };
// Flood control off: typing frames and messages of several pages come in quick succession.
shareServerAndBrowser(['--message-rate', '0']);

const entry = (page, key) => page.locator(`#sidebar .conv[data-key="${key}"]`);
const sidebarKeys = (page) => page.$$eval('#sidebar .conv', (nodes) =>
  nodes.map((node) => node.dataset.key));

async function say(page, text) {
  await page.fill('#message-input', text);
  await page.press('#message-input', 'Enter');
}

// Sends and waits until the server acknowledged it (nothing pending any more).
async function sayAcked(page, text) {
  await say(page, text);
  await page.waitForFunction(() => document.querySelectorAll('#pending li').length === 0);
}

async function showing(page, key) {
  await page.waitForSelector(`#sidebar .conv[data-key="${key}"][aria-current="true"]`, { state: 'attached' });
}

async function members(page) {
  return page.$$eval('#users li', (nodes) => nodes.map((node) => node.firstChild.textContent));
}

test('a room: joined by dialog and command, members only, badges, topic, typing, leave',
  TEST_TIMEOUT, async () => {
    const alice = await newPage(browser);
    const bob = await newPage(browser);
    const carol = await newPage(browser);
    try {
      await joinAs(alice, server, 'alice');
      await joinAs(bob, server, 'bob');
      await joinAs(carol, server, 'carol');
      for (const page of [alice, bob, carol]) await showing(page, 'room:general');
      assert.equal(await alice.textContent('#conv-name'), 'general');

      // The dialog checks the name as the server does, and says why.
      await alice.click('#join-room');
      await alice.fill('#prompt-input', 'Not A Room');
      await alice.click('#prompt-submit');
      assert.match(await alice.textContent('#prompt-error'), /1 to 32 characters/);
      await alice.fill('#prompt-input', 'dev');
      await alice.click('#prompt-submit');
      await showing(alice, 'room:dev');
      assert.equal(await alice.locator('#prompt').isVisible(), false);
      assert.equal(await alice.textContent('#conv-name'), 'dev');
      assert.equal(await alice.textContent('#users-heading'), 'Members');

      // Bob joins with the command; both see each other as members.
      await say(bob, '/join dev');
      await showing(bob, 'room:dev');
      await alice.waitForFunction(() => document.querySelectorAll('#users li').length === 2);
      assert.deepEqual(await members(alice), ['alice', 'bob']);
      assert.deepEqual(await members(bob), ['alice', 'bob']);
      assert.deepEqual(await sidebarKeys(bob), ['room:general', 'room:dev']);

      // A message in the room reaches its members only.
      await sayAcked(alice, 'hello dev');
      await waitForMessage(bob, 'hello dev');
      await switchToGeneralAndSync(alice, carol, 'sync after dev');
      assert.deepEqual(await sidebarKeys(carol), ['room:general']);
      assert.ok(!(await messageTexts(carol)).includes('hello dev'));
      assert.ok((await messageTexts(alice)).includes('sync after dev'));
      assert.ok(!(await messageTexts(alice)).includes('hello dev'), 'general shows only its own');

      // Bob reads general; what comes in dev meanwhile is a badge, a mention marks it.
      await bob.click('#sidebar .conv[data-key="room:general"]');
      await showing(bob, 'room:general');
      await entry(alice, 'room:dev').click();
      await showing(alice, 'room:dev');
      assert.deepEqual(await messageTexts(alice), ['hello dev']);
      await sayAcked(alice, 'unread one');
      await sayAcked(alice, 'look here @bob');
      await bob.waitForFunction(() => document
        .querySelector('#sidebar .conv[data-key="room:dev"] .unread')?.textContent === '2');
      assert.equal(await entry(bob, 'room:dev').locator('.unread.mention').count(), 1);
      assert.match(await entry(bob, 'room:dev').getAttribute('aria-label'), /2 unread messages/);
      assert.equal(await bob.title(), '(2) LanChat – bob');
      // Alt+Down goes to the next conversation: dev, now read.
      await bob.focus('#message-input');
      await bob.keyboard.press('Alt+ArrowDown');
      await showing(bob, 'room:dev');
      assert.equal(await entry(bob, 'room:dev').locator('.unread').count(), 0);
      assert.equal(await bob.title(), 'LanChat – bob');
      assert.deepEqual(await messageTexts(bob), ['hello dev', 'unread one', 'look here @bob']);
      assert.equal(await bob.locator('#messages li.mention').count(), 1);

      // The topic, set in the dialog, shows above both members' timelines.
      await alice.click('#topic-edit');
      await alice.fill('#prompt-input', 'Builds <b>and</b> releases');
      await alice.click('#prompt-submit');
      await alice.waitForFunction(() =>
        document.querySelector('#conv-topic').textContent === 'Builds <b>and</b> releases');
      await bob.waitForFunction(() =>
        document.querySelector('#conv-topic').textContent === 'Builds <b>and</b> releases');
      await bob.locator('#messages li.system', { hasText: 'alice set the topic' }).waitFor();
      assert.equal(await bob.locator('#conv-topic b, #messages b').count(), 0, 'never markup');

      // Typing shows for the conversation it is in.
      await typeUntilShown(bob, alice, 'bob is typing…');
      await bob.fill('#message-input', '');

      // Leaving: the room goes from Bob's sidebar, Alice's members lose him.
      await bob.click('#room-leave');
      await showing(bob, 'room:general');
      assert.deepEqual(await sidebarKeys(bob), ['room:general']);
      assert.match(await bob.textContent('#room-notice'), /You left #dev/);
      await alice.waitForFunction(() => document.querySelectorAll('#users li').length === 1);
      await alice.locator('#messages li.system', { hasText: 'bob left' }).waitFor();
      assertNoProblems(alice, bob, carol);
    } finally {
      for (const page of [alice, bob, carol]) await page.context().close();
    }
  });

// The server relays one `typing` per 3 s per user and conversation (and so does the page): keep
// typing until the other page shows it.
async function typeUntilShown(typist, reader, shown) {
  for (let i = 0; i < 40; i += 1) {
    await typist.type('#message-input', 'a');
    const seen = await reader.waitForFunction((text) =>
      document.querySelector('#typing').textContent === text, shown, { timeout: 500 })
      .then(() => true, () => false);
    if (seen) return;
  }
  assert.fail(`${shown} never showed`);
}

// Alice says something in general and Carol sees it: what Carol was sent before it has arrived.
async function switchToGeneralAndSync(alice, carol, text) {
  await entry(alice, 'room:general').click();
  await showing(alice, 'room:general');
  await sayAcked(alice, text);
  await waitForMessage(carol, text);
}

test('direct messages reach their two users only; /msg; the list starts one', TEST_TIMEOUT,
  async () => {
    const dave = await newPage(browser);
    const erin = await newPage(browser);
    const frank = await newPage(browser);
    try {
      await joinAs(dave, server, 'dave');
      await joinAs(erin, server, 'erin');
      await joinAs(frank, server, 'frank');

      await say(dave, '/msg erin psst, erin');
      await showing(dave, 'dm:erin');
      assert.equal(await dave.textContent('#conv-name'), 'erin');
      await waitForMessage(dave, 'psst, erin');
      await erin.waitForFunction(() => document
        .querySelector('#sidebar .conv[data-key="dm:dave"] .unread')?.textContent === '1');
      await switchToGeneralAndSync(dave, frank, 'sync after the DM');
      assert.deepEqual(await sidebarKeys(frank), ['room:general']);
      assert.ok(!(await messageTexts(frank)).includes('psst, erin'));

      // Erin answers by clicking Dave in the people list (general: everyone online).
      await erin.locator('#users li', { hasText: 'dave' }).locator('.dm-button').click();
      await showing(erin, 'dm:dave');
      await waitForMessage(erin, 'psst, erin');
      await sayAcked(erin, 'got it');
      await dave.waitForFunction(() => document
        .querySelector('#sidebar .conv[data-key="dm:erin"] .unread')?.textContent === '1');
      await dave.click('#sidebar .conv[data-key="dm:erin"]');
      await waitForMessage(dave, 'got it');
      assert.deepEqual(await messageTexts(dave), ['psst, erin', 'got it']);
      // "New message" opens a DM by name.
      await frank.click('#new-direct');
      await frank.fill('#prompt-input', 'erin');
      await frank.click('#prompt-submit');
      await showing(frank, 'dm:erin');
      assert.deepEqual(await messageTexts(frank), []);
      assertNoProblems(dave, erin, frank);
    } finally {
      for (const page of [dave, erin, frank]) await page.context().close();
    }
  });

test('a reload keeps the rooms and DMs of a registered name, with their history', TEST_TIMEOUT,
  async () => {
    const gina = await newPage(browser);
    const hugo = await newPage(browser);
    try {
      await joinAs(gina, server, 'gina');
      await joinAs(hugo, server, 'hugo');
      await say(gina, '/join ops');
      await showing(gina, 'room:ops');
      await sayAcked(gina, 'ops history');
      await say(hugo, '/msg gina before the reload');
      await gina.waitForSelector('#sidebar .conv[data-key="dm:hugo"] .unread');

      await gina.reload();
      await gina.waitForSelector('body[data-view="join"]');
      assert.equal(await gina.inputValue('#username'), 'gina');
      await gina.click('#join-button');
      await gina.waitForSelector('body[data-view="chat"][data-connection="open"]');
      await gina.waitForFunction(() => document.querySelectorAll('#sidebar .conv').length === 3);
      assert.deepEqual(await sidebarKeys(gina), ['room:general', 'room:ops', 'dm:hugo']);
      await gina.click('#sidebar .conv[data-key="room:ops"]');
      await waitForMessage(gina, 'ops history');
      // A DM's history needs the session (Authorization: Bearer).
      await gina.click('#sidebar .conv[data-key="dm:hugo"]');
      await waitForMessage(gina, 'before the reload');
      assertNoProblems(gina, hugo);
    } finally {
      for (const page of [gina, hugo]) await page.context().close();
    }
  });

test('on a phone the sidebar is behind a toggle; the rooms screenshot', TEST_TIMEOUT, async () => {
  const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true,
    hasTouch: true });
  const outDir = process.env.LANCHAT_SCREENSHOT_DIR || tempDir('lanchat-shots-');
  mkdirSync(outDir, { recursive: true });
  try {
    await joinAs(phone, server, 'ivy');
    assert.equal(await phone.locator('#sidebar').isVisible(), false);
    assert.equal(await phone.locator('#sidebar-toggle').isVisible(), true);
    await phone.tap('#sidebar-toggle');
    assert.equal(await phone.locator('#sidebar').isVisible(), true);
    assert.equal(await phone.getAttribute('#sidebar-toggle', 'aria-expanded'), 'true');
    await phone.tap('#join-room');
    await phone.fill('#prompt-input', 'garden');
    await phone.click('#prompt-submit');
    await showing(phone, 'room:garden');
    // Choosing a conversation closes the panel.
    assert.equal(await phone.locator('#sidebar').isVisible(), false);
    assert.equal(await phone.getAttribute('#sidebar-toggle', 'aria-expanded'), 'false');
    await phone.tap('#sidebar-toggle');
    await phone.tap('#sidebar .conv[data-key="room:general"]');
    await showing(phone, 'room:general');
    assert.equal(await phone.locator('#sidebar').isVisible(), false);
    // The open panel covers its toggle: Close (and Escape) dismiss it, the focus goes back.
    await phone.tap('#sidebar-toggle');
    await phone.tap('#sidebar-close');
    assert.equal(await phone.locator('#sidebar').isVisible(), false);
    assert.equal(await phone.evaluate(() => document.activeElement.id), 'sidebar-toggle');
    await phone.tap('#sidebar-toggle');
    await phone.keyboard.press('Escape');
    assert.equal(await phone.locator('#sidebar').isVisible(), false);
    assertNoProblems(phone);
  } finally {
    await phone.context().close();
  }
  await roomsScreenshot(join(outDir, 'browser-rooms.png'));
  if (!process.env.LANCHAT_SCREENSHOT_DIR) removeDir(outDir);
});

// The desktop page with a few rooms, a DM, unread badges and a topic (docs/screenshots).
async function roomsScreenshot(path) {
  const lee = await newPage(browser, { viewport: { width: 1280, height: 760 } });
  const kim = await newPage(browser);
  const sam = await newPage(browser);
  try {
    await joinAs(lee, server, 'lee');
    await joinAs(kim, server, 'kim');
    await joinAs(sam, server, 'sam');
    for (const [page, room] of [[kim, 'design'], [lee, 'design'], [kim, 'releases'],
      [sam, 'releases'], [lee, 'releases']]) {
      await say(page, `/join ${room}`);
      await showing(page, `room:${room}`);
    }
    await say(kim, '/topic Version 1.2 ships on Friday: blockers go here');
    await lee.waitForFunction(() => document.querySelector('#conv-topic').textContent.startsWith('Version'));
    await sayAcked(kim, 'The Windows installer is signed now.');
    await sayAcked(sam, 'Great! The Debian package passes lintian as well.');
    await waitForMessage(lee, 'The Debian package passes lintian as well.');
    await sayAcked(lee, 'Then only the release notes are left. @kim can you draft them?');
    await sayAcked(kim, 'On it, first draft in an hour.');
    await waitForMessage(lee, 'On it, first draft in an hour.');
    await entry(kim, 'room:design').click();
    await sayAcked(kim, 'New icons are in the shared folder.');
    await say(sam, '/msg lee Lunch later?');
    await lee.waitForSelector('#sidebar .conv[data-key="dm:sam"] .unread');
    await lee.waitForSelector('#sidebar .conv[data-key="room:design"] .unread');
    await entry(kim, 'room:releases').click();
    await typeUntilShown(kim, lee, 'kim is typing…');
    await lee.fill('#message-input', 'Sure, see you at lunch!');
    await lee.screenshot({ path });
    assertNoProblems(lee, kim, sam);
  } finally {
    for (const page of [lee, kim, sam]) await page.context().close();
  }
}

test('the operator deletes and locks rooms; refusals are worded', TEST_TIMEOUT, async () => {
  // The headless server has no operator, so a scripted WebSocket speaks the server's side
  // (Playwright's routeWebSocket); the page and its HTTP requests are real.
  const page = await newPage(browser, { locale: 'en-US' });
  const sent = [];
  let route;
  try {
    await page.routeWebSocket(/\/ws\?/, (ws) => {
      route = ws;
      ws.send(JSON.stringify({
        type: 'welcome', protocol: 2, username: 'ivy', users: ['ivy', 'max'], lastId: 0,
        server: { name: 'LanChat', version: 'test' },
        limits: { maxTextLength: 5000, maxFrameBytes: 65536 }, operators: [], registered: true,
        session: 'scripted-session',
        rooms: [{ room: 'general', topic: '', locked: false, lastId: 0 },
          { room: 'dev', topic: 'Builds', locked: false, lastId: 0, members: ['ivy', 'max'] }],
        directs: [],
      }));
      ws.onMessage((message) => {
        const frame = JSON.parse(message);
        sent.push(frame);
        if (frame.type === 'join_room') {
          ws.send(JSON.stringify({ type: 'error', code: 'too_many_rooms',
            message: 'You are in too many rooms.' }));
        }
      });
    });
    await joinAs(page, server, 'ivy');
    assert.deepEqual(await sidebarKeys(page), ['room:general', 'room:dev']);
    await entry(page, 'room:dev').click();
    assert.equal(await page.textContent('#conv-topic'), 'Builds');
    assert.ok(await page.isVisible('#topic-edit'));

    // Locked: no Set topic, the lock shows; /topic is refused by the page itself.
    route.send(JSON.stringify({ type: 'room_updated', room: 'dev', locked: true }));
    await page.waitForSelector('#topic-locked', { state: 'visible' });
    assert.ok(await page.isHidden('#topic-edit'));
    await say(page, '/topic new');
    assert.equal(await page.textContent('#room-notice'), 'The operator locked this room’s topic.');
    assert.ok(!sent.some((frame) => frame.type === 'topic'));

    // The server's refusal of a join shows in the dialog.
    await page.click('#join-room');
    await page.fill('#prompt-input', 'ops');
    await page.click('#prompt-submit');
    await page.locator('#prompt-error', { hasText: 'as many rooms as the server allows' }).waitFor();
    assert.ok(sent.some((frame) => frame.type === 'join_room' && frame.room === 'ops'));
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#prompt').isVisible(), false);

    // Deleted by the operator: gone, general is shown, a notice says why.
    route.send(JSON.stringify({ type: 'room_deleted', room: 'dev' }));
    await showing(page, 'room:general');
    assert.deepEqual(await sidebarKeys(page), ['room:general']);
    assert.equal(await page.textContent('#room-notice'), 'The operator deleted the room #dev.');

    // Another tab joined qa: it is added, not shown. Removed from it by the operator: gone.
    const ts = new Date().toISOString();
    route.send(JSON.stringify({ type: 'room_joined', room: 'qa', topic: '', locked: false,
      lastId: 0, members: ['ivy', 'max'] }));
    await entry(page, 'room:qa').waitFor();
    await showing(page, 'room:general');
    route.send(JSON.stringify({ type: 'leave', id: 7, room: 'qa', username: 'ivy', ts,
      kicked: true, reason: '' }));
    await page.locator('#room-notice', { hasText: 'The operator removed you from #qa.' }).waitFor();
    assert.deepEqual(await sidebarKeys(page), ['room:general']);

    // Typing in general (no room named); messages of a room this page does not have are dropped.
    route.send(JSON.stringify({ type: 'typing', username: 'max' }));
    await page.locator('#typing', { hasText: 'max is typing…' }).waitFor();
    route.send(JSON.stringify({ type: 'message', id: 8, room: 'secret', username: 'max',
      text: 'not for ivy', ts }));
    route.send(JSON.stringify({ type: 'message', id: 9, username: 'max', text: 'for all', ts }));
    await waitForMessage(page, 'for all');
    assert.deepEqual(await messageTexts(page), ['for all']);
    assert.equal(await page.textContent('#typing'), '', 'a message ends "is typing"');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('after a reconnect each conversation catches up and pending messages go to theirs',
  TEST_TIMEOUT, async () => {
    const kate = await newPage(browser);
    const leo = await newPage(browser);
    try {
      // Kate's WebSocket goes through the test: it can drop it and hold her reconnects back.
      let blocked = false;
      let pageSide;
      await kate.routeWebSocket(/\/ws\?/, (ws) => {
        if (blocked) return ws.close({ code: 1013, reason: 'blocked by the test' });
        pageSide = ws;
        return ws.connectToServer();
      });
      await joinAs(kate, server, 'kate');
      await joinAs(leo, server, 'leo');
      await say(kate, '/join lab');
      await showing(kate, 'room:lab');
      await say(leo, '/join lab');
      await showing(leo, 'room:lab');
      await sayAcked(kate, 'before the drop');

      blocked = true;
      pageSide.close({ code: 1012, reason: 'dropped by the test' });
      await kate.waitForSelector('body[data-connection="reconnecting"], body[data-connection="connecting"]');
      await say(kate, 'typed while away');
      await kate.locator('#pending li.pending', { hasText: 'typed while away' }).waitFor();
      await sayAcked(leo, 'missed in lab');
      await entry(leo, 'room:general').click();
      await sayAcked(leo, 'missed in general');

      blocked = false; // the next backoff attempt gets through
      await kate.waitForSelector('body[data-connection="open"]', { timeout: 45000 });
      await kate.waitForFunction(() => document.querySelectorAll('#pending li').length === 0);
      await waitForMessage(kate, 'missed in lab');
      assert.deepEqual(await messageTexts(kate),
        ['before the drop', 'missed in lab', 'typed while away']);
      await kate.waitForFunction(() => document
        .querySelector('#sidebar .conv[data-key="room:general"] .unread')?.textContent === '1');
      await entry(kate, 'room:general').click();
      await waitForMessage(kate, 'missed in general');
      await entry(leo, 'room:lab').click();
      await waitForMessage(leo, 'typed while away');
      assert.ok(!(await messageTexts(kate)).includes('typed while away'), 'sent to lab only');
      assertNoProblems(kate, leo);
    } finally {
      for (const page of [kate, leo]) await page.context().close();
    }
  });
