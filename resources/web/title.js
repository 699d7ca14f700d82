// The tab's title, with the count of unread messages of all conversations: "(3) LanChat – NAME".
// A conversation's messages count as unread while it is not shown, or while the reader is away
// (in another tab or window) until they are back.
import { totalUnread } from './conversations.js';
import { ui } from './dom.js';
import { number, t } from './i18n.js';
import { state } from './state.js';

export function updateTitle() {
  const base = ui.body.dataset.view === 'chat'
    ? t('title.chat', { name: state.username }) : t('title.join');
  const unread = totalUnread();
  document.title = unread ? t('title.unread', { count: number(unread), title: base }) : base;
}

export function away() {
  return document.visibilityState === 'hidden' || !document.hasFocus();
}
