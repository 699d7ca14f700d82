// LanChat browser client, the entry module: the join form, the controls' wiring and the start.
// Follows docs/PROTOCOL.md; no build step, no dependencies. Each imported module has one job:
// protocol.js (the protocol's facts), i18n.js (words and formats), connection.js (the WebSocket,
// reconnects, the send queue), history.js, messages.js (the message list), composer.js, users.js
// (the people list), title.js (unread count), views.js and session.js (screens, notices, the end
// of a session), errors.js (error wording); conversations.js (rooms and DMs), sidebar.js (the
// sidebar, the header, switching), roomframes.js (the server's room frames), roomactions.js
// (joining, leaving, topics, commands), typing.js.
import { autoGrow, clearInput, submitMessage, updateCounter } from './composer.js';
import { connect, pump } from './connection.js';
import { ui } from './dom.js';
import { loadOlder, nearTop } from './history.js';
import { load, t } from './i18n.js';
import { nearBottom, scrollToBottom } from './messages.js';
import { stop } from './session.js';
import { newSession, state, USERNAME_KEY } from './state.js';
import {
  closePrompt, leaveCurrent, openPrompt, runCommand, submitPrompt,
} from './roomactions.js';
import { closeSidebar, markCurrentRead, switchBy, toggleSidebar } from './sidebar.js';
import { typed } from './typing.js';
import { toggleUsersPanel } from './users.js';
import { resetChat, showJoin, showJoinError } from './views.js';

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
  newSession();
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

// Queued now, after the one in flight, or after the reconnect. A command (/join, /leave, /topic,
// /msg) is done instead; "//text" sends "/text".
function send() {
  const text = ui.input.value;
  if (runCommand(text)) {
    clearInput();
    pump(); // /msg queued a message
    return;
  }
  const message = text.trimStart().startsWith('//') ? text.replace('/', '') : text;
  if (submitMessage(message)) pump();
}

ui.joinForm.addEventListener('submit', (e) => {
  e.preventDefault();
  join();
});

ui.composer.addEventListener('submit', (e) => {
  e.preventDefault();
  send();
  ui.input.focus();
});

ui.input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
    e.preventDefault();
    send();
  }
});
ui.input.addEventListener('input', () => {
  updateCounter();
  autoGrow();
  typed();
});

ui.scroller.addEventListener('scroll', () => {
  if (nearTop()) loadOlder();
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
  newSession();
  ui.body.classList.remove('users-open', 'sidebar-open');
  showJoin('', ui.joinButton);
});

ui.usersToggle.addEventListener('click', toggleUsersPanel);
ui.sidebarToggle.addEventListener('click', toggleSidebar);
// The phone's sidebar panel closes with its Close button, Escape, or a tap beside it.
ui.sidebarClose.addEventListener('click', () => closeSidebar({ refocus: true }));
ui.sidebar.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') closeSidebar({ refocus: true });
});
ui.chatView.addEventListener('click', (e) => {
  if (!ui.sidebar.contains(e.target) && !ui.sidebarToggle.contains(e.target)) closeSidebar();
});
ui.joinRoom.addEventListener('click', () => openPrompt('join'));
ui.newDirect.addEventListener('click', () => openPrompt('direct'));
ui.topicEdit.addEventListener('click', () => openPrompt('topic'));
ui.roomLeave.addEventListener('click', leaveCurrent);
ui.promptForm.addEventListener('submit', (e) => {
  e.preventDefault();
  submitPrompt();
});
ui.promptCancel.addEventListener('click', closePrompt);
ui.prompt.addEventListener('close', closePrompt); // Escape closes it too

// Alt+Up / Alt+Down: the previous or next conversation, from anywhere in the chat.
document.addEventListener('keydown', (e) => {
  if (ui.body.dataset.view !== 'chat' || ui.prompt.open) return;
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
  e.preventDefault();
  switchBy(e.key === 'ArrowUp' ? -1 : 1);
});
// Back in the tab: what the current conversation got meanwhile is read.
document.addEventListener('visibilitychange', markCurrentRead);
window.addEventListener('focus', markCurrentRead);

// Prefill: the token from ?token= (an invite link), the name from the last visit.
const params = new URLSearchParams(location.search);
ui.token.value = params.get('token') ?? '';
try { ui.username.value = localStorage.getItem(USERNAME_KEY) ?? ''; } catch { /* private mode */ }
// The words first: nothing shows before the page speaks the reader's language.
load().catch((error) => {
  console.error(`LanChat could not load its texts: ${error.message}`);
}).then(() => showJoin(''));
