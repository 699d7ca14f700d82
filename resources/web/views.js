// The two screens (join, chat), the status line in the top bar and the notice above the
// conversation that says why a session ended or that the reader is muted.
import { ui } from './dom.js';
import { t } from './i18n.js';
import { markFailed, updateCounter } from './composer.js';
import { state } from './state.js';
import { updateTitle } from './title.js';

// setTimeout's longest delay; a longer one would fire at once.
const MAX_TIMER_MS = 2 ** 31 - 1;

export function setStatus(text, connection) {
  ui.status.textContent = text;
  if (connection) ui.body.dataset.connection = connection;
}

export function showJoinError(text) {
  ui.joinError.textContent = text;
  ui.joinError.hidden = !text;
}

export function showJoin(error, focus) {
  ui.body.dataset.view = 'join';
  ui.chatView.hidden = true;
  ui.joinView.hidden = false;
  ui.retryNow.hidden = true;
  ui.joinButton.disabled = false;
  ui.joinButton.textContent = t('join.submit');
  showJoinError(error || '');
  setStatus('', 'idle');
  updateTitle();
  (focus || (ui.username.value ? ui.token.value ? ui.joinButton : ui.token : ui.username)).focus();
}

export function showChat() {
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

export function resetChat() {
  ui.messages.replaceChildren();
  ui.roomList.replaceChildren();
  ui.dmList.replaceChildren();
  ui.typing.textContent = '';
  ui.roomNotice.hidden = true;
  ui.body.classList.remove('sidebar-open', 'users-open');
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

// The session ended: the conversation stays visible, the notice says why, nothing can be sent.
export function showNotice(text, connection) {
  hideMuted();
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

// The operator muted the reader: said until the mute ends (`until`, ms since the epoch; without
// it until the server says `unmuted` or takes a message). The composer stays: the server refuses
// what is sent meanwhile.
export function showMuted(text, until) {
  hideMuted();
  state.muted = true;
  ui.notice.textContent = text;
  ui.notice.hidden = false;
  const left = typeof until === 'number' ? until - Date.now() : Infinity;
  if (left > MAX_TIMER_MS) return;
  const session = state;
  state.muteTimer = setTimeout(() => {
    if (session === state) hideMuted();
  }, Math.max(0, left));
}

// The mute is over: its notice goes (a notice of why the session ended stays).
export function hideMuted() {
  clearTimeout(state.muteTimer);
  state.muteTimer = 0;
  if (!state.muted) return;
  state.muted = false;
  ui.notice.hidden = true;
}
