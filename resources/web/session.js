// The end of a session: left, refused, kicked. No reconnect follows; the reason is shown in the
// join form (before the first welcome) or above the conversation.
import { ui } from './dom.js';
import { t } from './i18n.js';
import { state } from './state.js';
import { hideMuted, showJoin, showNotice } from './views.js';

export function stop() {
  state.stopped = true;
  clearTimeout(state.pauseTimer);
  state.pauseTimer = 0;
  clearTimeout(state.retryTimer);
  clearTimeout(state.welcomeTimer);
  hideMuted();
  ui.retryNow.hidden = true;
  const ws = state.ws;
  state.ws = null;
  if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'bye');
}

export function fatalJoin(message, focus) {
  stop();
  if (state.joinedOnce) {
    // Already chatting: keep the conversation visible and say why it ended.
    showNotice(message, 'refused');
    return;
  }
  showJoin(message, focus);
}

export function refused() {
  fatalJoin(t('error.invalid_token'), ui.token);
}

export function kicked() {
  stop();
  const reason = state.kickReason;
  showNotice(reason ? t('notice.kickedReason', { reason }) : t('notice.kicked'), 'kicked');
}
