// The WebSocket to /ws: connecting, the server's frames, reconnecting with backoff, and the send
// queue (one pending message in flight at a time, in the order typed). Follows docs/PROTOCOL.md.
import { ui } from './dom.js';
import * as i18n from './i18n.js';
import { markFailed, updateCounter } from './composer.js';
import { errorOf, errorText } from './errors.js';
import { identity } from './identity.js';
import { catchUp, loadOlder, updateHistoryBar } from './history.js';
import { addNewEvents } from './messages.js';
import {
  CLOSE, CLOSE_NO_WELCOME, DEFAULT_ROOM, FINAL_CLOSE_CODES, PROTOCOL_VERSION,
  RATE_LIMIT_PAUSE_MS, RETRYABLE_ERRORS,
} from './protocol.js';
import { fatalJoin, kicked, refused } from './session.js';
import { state, USERNAME_KEY } from './state.js';
import { setUsers, userJoined, userLeft } from './users.js';
import { hideMuted, setStatus, showChat, showMuted } from './views.js';

const { t } = i18n;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30000;
const WELCOME_TIMEOUT_MS = 10000;
// storage_failed (the server's history is full or cannot be written): wait, doubling.
const STORAGE_RETRY_BASE_MS = 1000;
const STORAGE_RETRY_MAX_MS = 60000;

export function connect() {
  clearTimeout(state.retryTimer);
  state.retryTimer = 0;
  ui.retryNow.hidden = true;
  if (state.ws) return;
  state.welcomed = false;
  state.lastError = null;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = new URLSearchParams({ token: state.token, username: state.username });
  const secret = identity();
  if (secret) query.set('identity', secret);
  const ws = new WebSocket(`${scheme}//${location.host}/ws?${query}`);
  state.ws = ws;
  setStatus(t(state.joinedOnce ? 'status.reconnecting' : 'status.connecting'), 'connecting');
  state.welcomeTimer = setTimeout(() => {
    if (state.ws === ws && !state.welcomed) ws.close(CLOSE_NO_WELCOME, 'no welcome');
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
export function pump() {
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
  // Another room's events, and direct messages, are not shown in this page's one timeline.
  if ((frame.room !== undefined && frame.room !== DEFAULT_ROOM) || frame.to !== undefined) return;
  switch (frame.type) {
  case 'welcome': return onWelcome(frame);
  case 'message':
    if (frame.cid && state.pending.has(frame.cid)) {
      state.pending.get(frame.cid).li.remove();
      state.pending.delete(frame.cid);
      state.storageRetryMs = 0;
      hideMuted(); // the server took a message: not muted (any more)
      addNewEvents([frame], true);
      settle(frame.cid);
    } else {
      addNewEvents([frame], false);
    }
    return;
  case 'announcement':
    return addNewEvents([frame], false);
  case 'join':
    userJoined(String(frame.username), frame.operator === true);
    return addNewEvents([frame], false);
  case 'leave':
    userLeft(String(frame.username));
    return addNewEvents([frame], false);
  case 'kicked':
    state.kickReason = String(frame.reason ?? '');
    return;
  case 'error':
    return onError(frame);
  case 'unmuted': // the mute was lifted or ran out
    return hideMuted();
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
  setUsers(frame.users, frame.operators);
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
  const error = errorOf(frame);
  // Only an error before the welcome explains the close that follows (a refusal); those after it
  // are about one frame, or say that a mute starts, and must not word a later close.
  if (!state.welcomed) state.lastError = error;
  const { code } = error;
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
    markFailed(item, errorText(error));
    settle(frame.cid);
  } else if (code === 'muted' && !frame.cid && state.welcomed) {
    // The mute starts (the server says so once): until when, and why.
    showMuted(errorText(error), error.until);
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
  if (code === CLOSE.NAME_REGISTERED || error?.code === 'name_registered') {
    return fatalJoin(worded('name_registered'), ui.username);
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
