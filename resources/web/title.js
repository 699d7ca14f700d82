// The tab's title, and the count of messages that arrived while the reader was away (in another
// tab or window): "(3) LanChat – NAME" until they are back.
import { ui } from './dom.js';
import { number, t } from './i18n.js';
import { state } from './state.js';

export function updateTitle() {
  const base = ui.body.dataset.view === 'chat'
    ? t('title.chat', { name: state.username }) : t('title.join');
  document.title = state.unread
    ? t('title.unread', { count: number(state.unread), title: base }) : base;
}

export function away() {
  return document.visibilityState === 'hidden' || !document.hasFocus();
}

// `count` new messages from others arrived: unread while the reader is away.
export function arrived(count) {
  if (!count || !away()) return;
  state.unread += count;
  updateTitle();
}

// Back to the chat: what arrived meanwhile counts as read.
function backAgain() {
  if (away() || !state.unread) return;
  state.unread = 0;
  updateTitle();
}

export function watchAttention() {
  document.addEventListener('visibilitychange', backAgain);
  window.addEventListener('focus', backAgain);
}
