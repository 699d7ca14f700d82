// The WebSocket to /ws: connecting, the server's frames, reconnecting with backoff, and the send
// queue (one pending message in flight at a time, in the order typed, each to its conversation).
// Follows docs/PROTOCOL.md; the frames of rooms are roomframes.js's.
import { ui } from './dom.js';
import * as i18n from './i18n.js';
import { markFailed, updateCounter } from './composer.js';
import { errorOf, errorText } from './errors.js';
import { identity } from './identity.js';
import { catchUp } from './history.js';
import { addNewEvents } from './messages.js';
import { conversationOf, current, GENERAL_KEY } from './conversations.js';
import {
  CLOSE, CLOSE_NO_WELCOME, FINAL_CLOSE_CODES, PROTOCOL_VERSION, RATE_LIMIT_PAUSE_MS,
  RETRYABLE_ERRORS,
} from './protocol.js';
import { actionFailed } from './roomactions.js';
import { onRoomFrame, refreshCurrent, welcomeConversations } from './roomframes.js';
import { fatalJoin, kicked, refused } from './session.js';
import { renderSidebar, switchTo } from './sidebar.js';
import { state, USERNAME_KEY } from './state.js';
import { stoppedTyping } from './typing.js';
import { setUsers } from './users.js';
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
    if (sendFrame({ type: 'message', text: item.text, cid, ...item.target })) state.inFlight = cid;
    return;
  }
}

function settle(cid) {
  if (state.inFlight === cid) state.inFlight = null;
  pump();
}

export function sendFrame(frame) {
  if (state.ws && state.welcomed && state.ws.readyState === WebSocket.OPEN) {
    state.ws.send(JSON.stringify(frame));
    return true;
  }
  return false;
}

function onFrame(frame) {
  switch (frame.type) {
  case 'welcome': return onWelcome(frame);
  case 'message': return onMessage(frame);
  case 'announcement':
  case 'topic':
  case 'typing':
  case 'join':
  case 'leave':
  case 'room_joined':
  case 'room_deleted':
  case 'room_updated':
    return onRoomFrame(frame);
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

function onMessage(frame) {
  const known = state.conversations.size;
  const conv = conversationOf(frame);
  const cid = frame.cid ? String(frame.cid) : '';
  const own = !!cid && state.pending.has(cid);
  if (own) {
    state.pending.get(cid).li.remove();
    state.pending.delete(cid);
    state.storageRetryMs = 0;
    hideMuted(); // the server took a message: not muted (any more)
  }
  if (conv) {
    stoppedTyping(conv, String(frame.username ?? ''));
    addNewEvents(conv, [frame], own);
    if (state.conversations.size !== known) renderSidebar(); // a new DM
  }
  if (own) settle(cid);
}

function onWelcome(frame) {
  clearTimeout(state.welcomeTimer);
  const first = !state.joinedOnce;
  state.welcomed = true;
  state.joinedOnce = true;
  state.attempt = 0;
  state.username = String(frame.username ?? state.username);
  state.session = String(frame.session ?? '');
  if (Number(frame.protocol) !== PROTOCOL_VERSION) {
    console.warn(`The server speaks protocol ${frame.protocol}; this page ${PROTOCOL_VERSION}.`);
  }
  const max = Number(frame.limits?.maxTextLength);
  if (Number.isSafeInteger(max) && max > 0) {
    state.maxTextLength = max;
    updateCounter();
  }
  setUsers(frame.users, frame.operators);
  const conversations = welcomeConversations(frame);
  setStatus(t('status.connected'), 'open');
  if (first) {
    try { localStorage.setItem(USERNAME_KEY, state.username); } catch { /* private mode */ }
    showChat();
  }
  // The conversation shown gets its newest page now, the others when first shown; those that
  // showed something before the reconnect catch up to the welcome's lastId (no gaps).
  const behind = conversations.filter(([conv]) => conv.started || conv.shown.size);
  if (current()) refreshCurrent();
  else switchTo(state.conversations.get(GENERAL_KEY), { focusInput: first });
  for (const [conv, lastId] of behind) catchUp(conv, lastId);
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
  } else if (!frame.cid && state.welcomed) {
    // A room's join, leave or topic (or a typing frame) was refused.
    actionFailed(errorText(error));
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
