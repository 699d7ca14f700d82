// LanChat browser client. Follows docs/PROTOCOL.md; no build step, no dependencies.
// Every piece of text that came from the network is set with textContent, never as HTML.
'use strict';

(() => {
  const USERNAME_KEY = 'lanchat.username';
  const HISTORY_PAGE = 50; // events per scroll-up page
  const CATCHUP_PAGE = 500; // events per catch-up page after a reconnect
  const BACKOFF_BASE_MS = 500;
  const BACKOFF_MAX_MS = 30000;
  const WELCOME_TIMEOUT_MS = 10000;
  const NEAR_TOP_PX = 80;
  const NEAR_BOTTOM_PX = 48;
  const RATE_LIMIT_PAUSE_MS = 1100; // the server's flood control refills about 2 messages/s
  // storage_failed (the server's history is full or cannot be written): wait, doubling.
  const STORAGE_RETRY_BASE_MS = 1000;
  const STORAGE_RETRY_MAX_MS = 60000;

  // The protocol's facts (docs/PROTOCOL.md). This page cannot include lanchat_protocol's
  // protocolconstants.h: tst_webpage reads these lines and fails when they disagree with it.
  const PROTOCOL_VERSION = 1;
  const DEFAULT_MAX_TEXT_LENGTH = 5000; // until the welcome says otherwise
  const CLOSE = {
    POLICY: 1008,
    KICKED: 4000,
    INVALID_USERNAME: 4001,
    USERNAME_TAKEN: 4002,
    BANNED: 4003,
    TOO_MANY_CONNECTIONS: 4005,
    ADDRESS_BLOCKED: 4006,
  };
  // Closes after which the page never reconnects by itself.
  const FINAL_CLOSE_CODES = [CLOSE.POLICY, CLOSE.KICKED, CLOSE.INVALID_USERNAME,
    CLOSE.USERNAME_TAKEN, CLOSE.BANNED, CLOSE.ADDRESS_BLOCKED];
  // Errors after which the message was not stored and goes again with the same cid.
  const RETRYABLE_ERRORS = ['rate_limited', 'storage_failed'];
  // Errors whose server message carries what the code alone cannot say (until when, why, which
  // rule): the page words the code and adds the message.
  const DETAILED_ERRORS = ['invalid_username', 'banned', 'muted'];
  // The counter shows from this many characters below the limit (as in the desktop app).
  const COUNTER_THRESHOLD = 500;
  // What the server trims before it counts (QString::trimmed: QChar::isSpace). JavaScript's
  // trim() differs: it also strips U+FEFF and keeps U+0085.
  const SERVER_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a'
    + '\\u2028\\u2029\\u202f\\u205f\\u3000]';
  const SERVER_TRIM = new RegExp(`^${SERVER_SPACE}+|${SERVER_SPACE}+$`, 'g');

  const { t, tn } = window.LanChatI18n;
  const i18n = window.LanChatI18n;

  const $ = (id) => document.getElementById(id);
  const ui = {
    body: document.body,
    status: $('status'),
    retryNow: $('retry-now'),
    usersToggle: $('users-toggle'),
    usersToggleCount: $('users-toggle-count'),
    leave: $('leave'),
    joinView: $('join-view'),
    joinForm: $('join-form'),
    joinError: $('join-error'),
    joinButton: $('join-button'),
    username: $('username'),
    token: $('token'),
    chatView: $('chat-view'),
    notice: $('notice'),
    scroller: $('scroller'),
    loadOlder: $('load-older'),
    historyStatus: $('history-status'),
    messages: $('messages'),
    pending: $('pending'),
    jumpLatest: $('jump-latest'),
    composer: $('composer'),
    input: $('message-input'),
    send: $('send'),
    composerStatus: $('composer-status'),
    counter: $('counter'),
    tooLong: $('too-long'),
    usersPanel: $('users-panel'),
    usersCount: $('users-count'),
    users: $('users'),
  };

  let state = freshState();

  function freshState() {
    return {
      token: '',
      username: '', // as the server confirmed it in welcome
      ws: null,
      welcomed: false,
      joinedOnce: false, // a welcome arrived at least once: reconnect from now on
      stopped: true, // no reconnects (left, kicked, refused)
      attempt: 0,
      retryTimer: 0,
      welcomeTimer: 0,
      lastError: null, // the last error frame before a close
      kickReason: null,
      shown: new Map(), // event id -> <li>
      newestId: 0,
      oldestId: 0, // smallest id shown, or lastId + 1 of the first welcome
      hasOlder: false,
      loadingOlder: false,
      historyStarted: false,
      catchUpRun: 0,
      pending: new Map(), // cid -> {text, li, failed}, in the order typed
      inFlight: null, // the one pending cid sent and not yet answered
      pauseTimer: 0, // after rate_limited or storage_failed: wait before sending again
      storageRetryMs: 0, // the current wait after storage_failed
      users: new Set(),
      operators: new Set(), // the host's participants (welcome.operators, join.operator)
      unread: 0, // messages that arrived while the tab was hidden or unfocused
      maxTextLength: DEFAULT_MAX_TEXT_LENGTH,
    };
  }

  // ---- small helpers -------------------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function newCid() {
    // crypto.randomUUID needs a secure context; a LAN page over http:// is not one.
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function timeElement(ts) {
    const date = new Date(ts);
    const node = el('time', 'time');
    if (Number.isNaN(date.getTime())) return node;
    node.dateTime = ts;
    const now = new Date();
    const sameDay = date.toDateString() === now.toDateString();
    const clock = i18n.clock(date);
    node.textContent = sameDay ? clock : `${i18n.day(date)} ${clock}`;
    node.title = i18n.fullDate(date);
    return node;
  }

  // The worded error: the catalogue's text for a code, the server's message for an unknown one.
  function errorText(error) {
    const code = String(error?.code ?? '');
    const message = String(error?.message ?? '');
    if (!i18n.has(`error.${code}`)) return message || code;
    const text = t(`error.${code}`);
    return DETAILED_ERRORS.includes(code) && message
      ? t('notice.serverDetail', { text, detail: message }) : text;
  }

  // The title: what the tab shows, with the unread count while the reader is away.
  function updateTitle() {
    const base = ui.body.dataset.view === 'chat'
      ? t('title.chat', { name: state.username }) : t('title.join');
    document.title = state.unread
      ? t('title.unread', { count: i18n.number(state.unread), title: base }) : base;
  }

  function away() {
    return document.visibilityState === 'hidden' || !document.hasFocus();
  }

  function setStatus(text, connection) {
    ui.status.textContent = text;
    if (connection) ui.body.dataset.connection = connection;
  }

  function showJoinError(text) {
    ui.joinError.textContent = text;
    ui.joinError.hidden = !text;
  }

  function nearBottom() {
    const s = ui.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_BOTTOM_PX;
  }

  function scrollToBottom() {
    ui.scroller.scrollTop = ui.scroller.scrollHeight;
    ui.jumpLatest.hidden = true;
  }

  // ---- views ---------------------------------------------------------------------------------

  function showJoin(error, focus) {
    ui.body.dataset.view = 'join';
    ui.chatView.hidden = true;
    ui.joinView.hidden = false;
    ui.retryNow.hidden = true;
    ui.joinButton.disabled = false;
    ui.joinButton.textContent = t('join.submit');
    showJoinError(error || '');
    setStatus('', 'idle');
    state.unread = 0;
    updateTitle();
    (focus || (ui.username.value ? ui.token.value ? ui.joinButton : ui.token : ui.username)).focus();
  }

  function showChat() {
    ui.body.dataset.view = 'chat';
    ui.joinView.hidden = true;
    ui.chatView.hidden = false;
    ui.notice.hidden = true;
    ui.composer.classList.remove('disabled');
    ui.input.disabled = false;
    updateCounter();
    updateTitle();
    ui.input.focus();
  }

  function resetChat() {
    ui.messages.replaceChildren();
    ui.pending.replaceChildren();
    ui.users.replaceChildren();
    ui.loadOlder.hidden = true;
    ui.historyStatus.textContent = '';
    ui.jumpLatest.hidden = true;
    ui.usersCount.textContent = '0';
    ui.usersToggleCount.textContent = '0';
    ui.input.value = '';
    updateCounter();
  }

  // ---- users ---------------------------------------------------------------------------------

  function renderUsers() {
    const names = Array.from(state.users).sort(i18n.compare);
    ui.users.replaceChildren(...names.map((name) => {
      const li = el('li', name === state.username ? 'user me' : 'user', name);
      if (state.operators.has(name)) li.append(' ', hostBadge());
      if (name === state.username) li.append(' ', el('span', 'you', t('users.you')));
      return li;
    }));
    ui.usersCount.textContent = i18n.number(names.length);
    ui.usersToggleCount.textContent = i18n.number(names.length);
  }

  function hostBadge() {
    const badge = el('span', 'badge', t('users.host'));
    badge.title = t('users.hostLabel');
    return badge;
  }

  // ---- events --------------------------------------------------------------------------------

  function renderEvent(event) {
    const li = el('li', 'event');
    li.dataset.id = String(event.id);
    li.dataset.type = event.type;
    const name = String(event.username ?? '');
    switch (event.type) {
    case 'message': {
      li.classList.add('message');
      if (name === state.username) li.classList.add('own');
      const meta = el('div', 'meta');
      meta.append(el('span', 'sender', name));
      if (event.operator === true) meta.append(hostBadge());
      meta.append(timeElement(event.ts));
      li.append(meta, el('p', 'text', String(event.text ?? '')));
      break;
    }
    case 'announcement': {
      li.classList.add('announcement');
      const meta = el('div', 'meta');
      meta.append(el('span', 'sender', t('event.announcement', { name })), timeElement(event.ts));
      li.append(meta, el('p', 'text', String(event.text ?? '')));
      break;
    }
    case 'join':
      li.classList.add('system');
      li.append(el('span', 'text', t('event.joined', { name })), timeElement(event.ts));
      break;
    case 'leave':
      if (event.kicked) {
        li.classList.add('kick');
        const reason = String(event.reason ?? '');
        const text = reason
          ? t('event.kickedReason', { name, reason })
          : t('event.kicked', { name });
        li.append(el('span', 'text', text), timeElement(event.ts));
      } else {
        li.classList.add('system');
        li.append(el('span', 'text', t('event.left', { name })), timeElement(event.ts));
      }
      break;
    default:
      return null; // a newer server's event type: skip it
    }
    return li;
  }

  // Inserts an event at its place in id order; an id already shown is ignored.
  function addEvent(event) {
    const id = Number(event.id);
    if (!Number.isSafeInteger(id) || id <= 0 || state.shown.has(id)) return false;
    const li = renderEvent(event);
    if (!li) return false;
    state.shown.set(id, li);
    const list = ui.messages;
    const last = list.lastElementChild;
    if (!last || Number(last.dataset.id) < id) {
      list.append(li);
    } else {
      let node = list.firstElementChild;
      while (node && Number(node.dataset.id) < id) node = node.nextElementSibling;
      list.insertBefore(li, node);
    }
    if (id > state.newestId) state.newestId = id;
    if (!state.oldestId || id < state.oldestId) state.oldestId = id;
    return true;
  }

  // Adds events that arrived live or in a catch-up page, keeping the view at the bottom if it was.
  function addNewEvents(events, ownAck) {
    const atBottom = nearBottom();
    let added = 0;
    let unread = 0;
    for (const event of events) {
      if (!addEvent(event)) continue;
      added += 1;
      if ((event.type === 'message' || event.type === 'announcement')
        && String(event.username ?? '') !== state.username) unread += 1;
    }
    if (!added) return;
    if (unread && away()) {
      state.unread += unread;
      updateTitle();
    }
    if (atBottom || ownAck) scrollToBottom();
    else ui.jumpLatest.hidden = false;
  }

  // ---- history over HTTP ---------------------------------------------------------------------

  async function fetchHistory(params) {
    const query = new URLSearchParams(params);
    const response = await fetch(`/api/history?${query}`, {
      headers: { Authorization: `Bearer ${state.token}` },
      cache: 'no-store',
      credentials: 'omit',
    });
    if (response.status === 401) throw Object.assign(new Error('token'), { refused: true });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = await response.json();
    return { events: Array.isArray(body.events) ? body.events : [], hasMore: !!body.hasMore };
  }

  function updateHistoryBar() {
    ui.loadOlder.hidden = !state.hasOlder || state.loadingOlder;
    if (state.loadingOlder) ui.historyStatus.textContent = t('chat.loadingOlder');
    else if (!state.hasOlder && state.historyStarted) ui.historyStatus.textContent = t('chat.historyStart');
    else if (state.hasOlder) ui.historyStatus.textContent = '';
  }

  async function loadOlder() {
    if (state.loadingOlder || !state.hasOlder) return;
    state.loadingOlder = true;
    updateHistoryBar();
    const session = state;
    const scroller = ui.scroller;
    try {
      const page = await fetchHistory({ before: state.oldestId, limit: HISTORY_PAGE });
      if (session !== state) return;
      const fromBottom = scroller.scrollHeight - scroller.scrollTop;
      const wasEmpty = state.shown.size === 0;
      ui.messages.setAttribute('aria-busy', 'true'); // no screen reader burst for old pages
      for (const event of page.events) addEvent(event);
      ui.messages.removeAttribute('aria-busy');
      state.hasOlder = page.hasMore;
      // Keep what the reader was looking at in place; the first page starts at the bottom.
      if (wasEmpty) scrollToBottom();
      else scroller.scrollTop = scroller.scrollHeight - fromBottom;
      state.loadingOlder = false;
      updateHistoryBar();
      // Until the list overflows there is nothing to scroll: fill the view.
      if (state.hasOlder && scroller.scrollHeight <= scroller.clientHeight) loadOlder();
    } catch (error) {
      if (session !== state) return;
      state.loadingOlder = false;
      if (error.refused) return refused();
      updateHistoryBar();
      ui.historyStatus.textContent = t('chat.olderFailed');
    }
  }

  // After a reconnect: every event after the newest one shown before it, up to the welcome's
  // lastId, page by page, so nothing that happened while away is missing. Each page starts after
  // the last id of the page before: live frames arriving meanwhile (merged by id) move
  // state.newestId past events that no page has brought yet.
  async function catchUp(lastId) {
    const run = ++state.catchUpRun;
    const session = state;
    let after = state.newestId;
    try {
      while (after < lastId) {
        const page = await fetchHistory({ after, limit: CATCHUP_PAGE });
        if (session !== state || run !== state.catchUpRun) return;
        addNewEvents(page.events, false);
        const last = page.events.reduce((max, event) => Math.max(max, Number(event.id) || 0), 0);
        if (!page.hasMore || last <= after) return;
        after = last;
      }
    } catch (error) {
      if (session !== state) return;
      if (error.refused) return refused();
      setStatus(t('status.catchUpFailed'), 'open');
    }
  }

  // ---- the WebSocket -------------------------------------------------------------------------

  function connect() {
    clearTimeout(state.retryTimer);
    state.retryTimer = 0;
    ui.retryNow.hidden = true;
    if (state.ws) return;
    state.welcomed = false;
    state.lastError = null;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const query = new URLSearchParams({ token: state.token, username: state.username });
    const ws = new WebSocket(`${scheme}//${location.host}/ws?${query}`);
    state.ws = ws;
    setStatus(t(state.joinedOnce ? 'status.reconnecting' : 'status.connecting'), 'connecting');
    state.welcomeTimer = setTimeout(() => {
      if (state.ws === ws && !state.welcomed) ws.close(4100, 'no welcome');
    }, WELCOME_TIMEOUT_MS);
    ws.addEventListener('message', (e) => {
      if (state.ws !== ws) return;
      let frame;
      try { frame = JSON.parse(e.data); } catch { return; }
      if (frame && typeof frame === 'object') onFrame(frame);
    });
    ws.addEventListener('close', (e) => {
      if (state.ws !== ws) return;
      clearTimeout(state.welcomeTimer);
      state.ws = null;
      state.welcomed = false;
      state.inFlight = null;
      onClose(e.code, e.reason);
    });
  }

  // Pending messages go out one at a time, in the order typed: the next one leaves when the
  // previous one is acknowledged or refused. A `rate_limited` or `storage_failed` error is not a
  // refusal: the message was not stored, and the one in flight goes out again (same cid) after a
  // pause.
  function pump() {
    if (state.inFlight || state.pauseTimer || !state.welcomed) return;
    for (const [cid, item] of state.pending) {
      if (item.failed) continue;
      item.li.querySelector('.delivery').textContent = t('delivery.sending');
      if (sendFrame({ type: 'message', text: item.text, cid })) state.inFlight = cid;
      return;
    }
  }

  function settle(cid) {
    if (state.inFlight === cid) state.inFlight = null;
    pump();
  }

  function sendFrame(frame) {
    if (state.ws && state.welcomed && state.ws.readyState === WebSocket.OPEN) {
      state.ws.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function onFrame(frame) {
    switch (frame.type) {
    case 'welcome': return onWelcome(frame);
    case 'message':
      if (frame.cid && state.pending.has(frame.cid)) {
        state.pending.get(frame.cid).li.remove();
        state.pending.delete(frame.cid);
        state.storageRetryMs = 0;
        addNewEvents([frame], true);
        settle(frame.cid);
      } else {
        addNewEvents([frame], false);
      }
      return;
    case 'announcement':
      return addNewEvents([frame], false);
    case 'join':
      state.users.add(String(frame.username));
      if (frame.operator === true) state.operators.add(String(frame.username));
      else state.operators.delete(String(frame.username));
      renderUsers();
      return addNewEvents([frame], false);
    case 'leave':
      state.users.delete(String(frame.username));
      state.operators.delete(String(frame.username));
      renderUsers();
      return addNewEvents([frame], false);
    case 'kicked':
      state.kickReason = String(frame.reason ?? '');
      return;
    case 'error':
      return onError(frame);
    default:
    }
  }

  function onWelcome(frame) {
    clearTimeout(state.welcomeTimer);
    const first = !state.joinedOnce;
    state.welcomed = true;
    state.joinedOnce = true;
    state.attempt = 0;
    state.username = String(frame.username ?? state.username);
    if (Number(frame.protocol) !== PROTOCOL_VERSION) {
      console.warn(`The server speaks protocol ${frame.protocol}; this page ${PROTOCOL_VERSION}.`);
    }
    const max = Number(frame.limits?.maxTextLength);
    if (Number.isSafeInteger(max) && max > 0) {
      state.maxTextLength = max;
      updateCounter();
    }
    state.users = new Set((Array.isArray(frame.users) ? frame.users : []).map(String));
    // Older servers send no operators: then nobody gets the badge.
    state.operators = new Set((Array.isArray(frame.operators) ? frame.operators : []).map(String));
    renderUsers();
    setStatus(t('status.connected'), 'open');
    if (first) {
      try { localStorage.setItem(USERNAME_KEY, state.username); } catch { /* private mode */ }
      showChat();
    }
    const lastId = Number(frame.lastId) || 0;
    if (!state.historyStarted) {
      // The newest page up to lastId; live frames bring everything after it.
      state.historyStarted = true;
      if (!state.oldestId) state.oldestId = lastId + 1;
      state.hasOlder = lastId > 0;
      updateHistoryBar();
      loadOlder();
    } else {
      catchUp(lastId);
    }
    // Messages that were not acknowledged go out again with the same cid: the server stores
    // each cid once and acknowledges a repeat with the original id.
    state.inFlight = null;
    pump();
  }

  function onError(frame) {
    state.lastError = { code: String(frame.code ?? ''), message: String(frame.message ?? '') };
    const { code } = state.lastError;
    if (RETRYABLE_ERRORS.includes(code)) {
      // Dropped by the flood control, or the history could not take it: not stored, so the
      // message in flight goes out again after a pause (the operator is told about storage).
      const cid = frame.cid ? String(frame.cid) : state.inFlight;
      const item = state.pending.get(cid);
      let pause = RATE_LIMIT_PAUSE_MS;
      if (code === 'storage_failed') {
        state.storageRetryMs = state.storageRetryMs
          ? Math.min(state.storageRetryMs * 2, STORAGE_RETRY_MAX_MS) : STORAGE_RETRY_BASE_MS;
        pause = state.storageRetryMs;
      }
      if (item) {
        item.li.querySelector('.delivery').textContent = t(code === 'rate_limited'
          ? 'delivery.waiting' : 'delivery.retryStorage');
      }
      if (state.inFlight === cid) state.inFlight = null;
      clearTimeout(state.pauseTimer);
      state.pauseTimer = setTimeout(() => {
        state.pauseTimer = 0;
        pump();
      }, pause);
      return;
    }
    if (frame.cid && state.pending.has(frame.cid)) {
      const item = state.pending.get(frame.cid);
      state.pending.delete(frame.cid);
      markFailed(item, errorText(state.lastError));
      settle(frame.cid);
    }
  }

  function onClose(code, reason) {
    const error = state.lastError;
    if (state.stopped) return;
    if (code === CLOSE.KICKED || state.kickReason !== null) return kicked();
    // The error frame's code, or the one the close code stands for when no frame came first.
    const worded = (closeMeans) =>
      errorText(error?.code ? error : { code: closeMeans, message: reason });
    if (error?.code === 'origin_not_allowed' || error?.code === 'host_not_allowed') {
      return fatalJoin(worded(), ui.joinButton);
    }
    if (code === CLOSE.ADDRESS_BLOCKED || error?.code === 'address_blocked') {
      return fatalJoin(worded('address_blocked'), ui.token);
    }
    if (code === CLOSE.POLICY || error?.code === 'invalid_token') return refused();
    if (code === CLOSE.INVALID_USERNAME || error?.code === 'invalid_username') {
      const text = t('notice.refusedName', { name: state.username });
      const detail = error?.message || reason;
      return fatalJoin(detail ? t('notice.serverDetail', { text, detail }) : text, ui.username);
    }
    if (code === CLOSE.USERNAME_TAKEN || error?.code === 'username_taken') {
      return fatalJoin(t('notice.nameTaken', { name: state.username }), ui.username);
    }
    if (code === CLOSE.BANNED || error?.code === 'banned') {
      return fatalJoin(worded('banned'), ui.joinButton);
    }
    if (!state.joinedOnce && (code === CLOSE.TOO_MANY_CONNECTIONS || error?.code === 'server_full'
      || error?.code === 'too_many_connections')) {
      return fatalJoin(worded('server_full'), ui.joinButton);
    }
    if (FINAL_CLOSE_CODES.includes(code)) {
      return fatalJoin(error?.code ? errorText(error) : t('notice.refused'), ui.joinButton);
    }
    if (!state.joinedOnce) return fatalJoin(t('notice.unreachable'), ui.joinButton);
    scheduleReconnect();
  }

  function scheduleReconnect() {
    // Exponential backoff with jitter: many browsers must not come back in lockstep.
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** state.attempt);
    const delay = Math.round(ceiling / 2 + Math.random() * ceiling / 2);
    state.attempt += 1;
    const seconds = Math.max(1, Math.round(delay / 1000));
    setStatus(t('status.reconnectIn', { seconds: i18n.number(seconds) }), 'reconnecting');
    ui.retryNow.hidden = false;
    state.retryTimer = setTimeout(connect, delay);
  }

  function stop() {
    state.stopped = true;
    clearTimeout(state.pauseTimer);
    state.pauseTimer = 0;
    clearTimeout(state.retryTimer);
    clearTimeout(state.welcomeTimer);
    ui.retryNow.hidden = true;
    const ws = state.ws;
    state.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'bye');
  }

  function fatalJoin(message, focus) {
    stop();
    if (state.joinedOnce) {
      // Already chatting: keep the conversation visible and say why it ended.
      showNotice(message, 'refused');
      return;
    }
    showJoin(message, focus);
  }

  function refused() {
    fatalJoin(t('error.invalid_token'), ui.token);
  }

  function kicked() {
    stop();
    const reason = state.kickReason;
    showNotice(reason ? t('notice.kickedReason', { reason }) : t('notice.kicked'), 'kicked');
  }

  function showNotice(text, connection) {
    ui.notice.textContent = text;
    ui.notice.hidden = false;
    setStatus(t(connection === 'kicked' ? 'status.removed' : 'status.disconnected'), connection);
    ui.input.disabled = true;
    ui.send.disabled = true;
    ui.composer.classList.add('disabled');
    for (const item of state.pending.values()) markFailed(item);
    state.pending.clear();
    ui.leave.textContent = t('topbar.back');
    ui.leave.focus();
  }

  // ---- sending -------------------------------------------------------------------------------

  function markFailed(item, why) {
    item.failed = true;
    item.li.classList.remove('pending');
    item.li.classList.add('failed');
    const status = item.li.querySelector('.delivery');
    status.textContent = why ? t('delivery.notSentWhy', { why }) : t('delivery.notSent');
    const dismiss = el('button', 'link-button', t('delivery.dismiss'));
    dismiss.type = 'button';
    dismiss.addEventListener('click', () => { item.li.remove(); ui.input.focus(); });
    item.li.append(dismiss);
  }

  // The length as the server counts it: UTF-16 code units after trimming (docs/PROTOCOL.md).
  function textLength(text) {
    return text.replace(SERVER_TRIM, '').length;
  }

  // The counter near the limit and, over it, the message that says so; Send waits until the
  // text fits. Nothing is ever cut.
  function updateCounter() {
    const length = textLength(ui.input.value);
    const max = state.maxTextLength;
    const over = length - max;
    ui.counter.hidden = length <= max - COUNTER_THRESHOLD;
    ui.counter.textContent = t('composer.counter',
      { length: i18n.number(length), max: i18n.number(max) });
    ui.counter.classList.toggle('over', over > 0);
    ui.tooLong.hidden = over <= 0;
    ui.tooLong.textContent = over > 0
      ? tn('composer.tooLong', over, { over: i18n.number(over), max: i18n.number(max) }) : '';
    ui.composerStatus.hidden = ui.counter.hidden && ui.tooLong.hidden;
    ui.input.setAttribute('aria-invalid', String(over > 0));
    ui.send.disabled = ui.input.disabled || over > 0;
  }

  function submitMessage() {
    const text = ui.input.value;
    if (!text.trim()) return;
    if (textLength(text) > state.maxTextLength) {
      updateCounter(); // says why; the text stays as typed
      return;
    }
    const cid = newCid();
    const li = el('li', 'event message own pending');
    li.dataset.cid = cid;
    const meta = el('div', 'meta');
    meta.append(el('span', 'sender', state.username), el('span', 'delivery', t('delivery.sending')));
    li.append(meta, el('p', 'text', text));
    ui.pending.append(li);
    state.pending.set(cid, { text, li, failed: false });
    pump(); // now, after the one in flight, or after the reconnect
    ui.input.value = '';
    updateCounter();
    autoGrow();
    scrollToBottom();
  }

  function autoGrow() {
    ui.input.style.height = 'auto';
    ui.input.style.height = `${Math.min(ui.input.scrollHeight, window.innerHeight * 0.4)}px`;
  }

  // ---- wiring --------------------------------------------------------------------------------

  function join() {
    const username = ui.username.value.trim();
    const token = ui.token.value.trim();
    if (!username || [...username].length > 32) {
      showJoinError(t('join.nameMissing'));
      ui.username.focus();
      return;
    }
    if (!token) {
      showJoinError(t('join.tokenMissing'));
      ui.token.focus();
      return;
    }
    stop();
    state = freshState();
    resetChat();
    state.token = token;
    state.username = username;
    state.stopped = false;
    ui.leave.textContent = t('topbar.leave');
    ui.joinButton.disabled = true;
    ui.joinButton.textContent = t('join.joining');
    showJoinError('');
    connect();
  }

  ui.joinForm.addEventListener('submit', (e) => {
    e.preventDefault();
    join();
  });

  ui.composer.addEventListener('submit', (e) => {
    e.preventDefault();
    submitMessage();
    ui.input.focus();
  });

  ui.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      submitMessage();
    }
  });
  ui.input.addEventListener('input', () => {
    updateCounter();
    autoGrow();
  });

  ui.scroller.addEventListener('scroll', () => {
    if (ui.scroller.scrollTop < NEAR_TOP_PX) loadOlder();
    if (nearBottom()) ui.jumpLatest.hidden = true;
  }, { passive: true });
  ui.loadOlder.addEventListener('click', () => loadOlder());
  ui.jumpLatest.addEventListener('click', () => { scrollToBottom(); ui.input.focus(); });

  ui.retryNow.addEventListener('click', () => {
    if (!state.stopped) connect();
  });
  window.addEventListener('online', () => {
    if (!state.stopped && !state.ws) connect();
  });

  ui.leave.addEventListener('click', () => {
    stop();
    resetChat();
    state = freshState();
    ui.body.classList.remove('users-open');
    showJoin('', ui.joinButton);
  });

  ui.usersToggle.addEventListener('click', () => {
    const open = ui.body.classList.toggle('users-open');
    ui.usersToggle.setAttribute('aria-expanded', String(open));
  });

  // Back to the chat: what arrived meanwhile counts as read.
  const backAgain = () => {
    if (away() || !state.unread) return;
    state.unread = 0;
    updateTitle();
  };
  document.addEventListener('visibilitychange', backAgain);
  window.addEventListener('focus', backAgain);

  // Prefill: the token from ?token= (an invite link), the name from the last visit.
  const params = new URLSearchParams(location.search);
  ui.token.value = params.get('token') ?? '';
  try { ui.username.value = localStorage.getItem(USERNAME_KEY) ?? ''; } catch { /* private mode */ }
  // The words first: nothing shows before the page speaks the reader's language.
  i18n.load().catch((error) => {
    console.error(`LanChat could not load its texts: ${error.message}`);
  }).then(() => showJoin(''));
})();
