// The conversation sidebar (rooms, then direct messages, each a button with its unread badge),
// the header above the timeline (name, topic, lock, the room's controls), and switching between
// conversations: by click, or Alt+Up / Alt+Down anywhere on the page. On narrow screens the
// sidebar is a panel behind the "Conversations" toggle.
import { current, isGeneral, ordered, totalUnread } from './conversations.js';
import { el, ui } from './dom.js';
import { number, t, tn } from './i18n.js';
import { startHistory, updateHistoryBar } from './history.js';
import { nearBottom, scrollToBottom, showEvents } from './messages.js';
import { state } from './state.js';
import { away, updateTitle } from './title.js';
import { renderTyping } from './typing.js';
import { renderUsers } from './users.js';

function entry(conv) {
  const li = el('li');
  const button = el('button', 'conv');
  button.type = 'button';
  button.dataset.key = conv.key;
  if (conv.key === state.currentKey) button.setAttribute('aria-current', 'true');
  button.append(el('span', 'conv-prefix', conv.kind === 'room' ? '#' : '@'),
    el('span', 'conv-name', conv.name));
  if (conv.unread) {
    const badge = el('span', conv.mention ? 'unread mention' : 'unread', number(conv.unread));
    button.append(badge);
    // The badge's number alone says little to a screen reader.
    button.setAttribute('aria-label', `${conv.name}, ${conv.mention
      ? tn('sidebar.unreadMention', conv.unread, { count: number(conv.unread) })
      : tn('sidebar.unread', conv.unread, { count: number(conv.unread) })}`);
  }
  button.addEventListener('click', () => switchTo(conv, { focusInput: true }));
  li.append(button);
  return li;
}

export function renderSidebar() {
  const focused = document.activeElement?.classList?.contains('conv')
    ? document.activeElement.dataset.key : null;
  const all = ordered();
  ui.roomList.replaceChildren(...all.filter((c) => c.kind === 'room').map(entry));
  ui.dmList.replaceChildren(...all.filter((c) => c.kind === 'dm').map(entry));
  ui.dmEmpty.hidden = all.some((c) => c.kind === 'dm');
  const unread = totalUnread();
  ui.sidebarToggleCount.textContent = number(unread);
  ui.sidebarToggleCount.hidden = !unread;
  if (focused) ui.sidebar.querySelector(`.conv[data-key="${CSS.escape(focused)}"]`)?.focus();
}

// The header: the conversation's name, its topic, the lock, and what the reader can do there.
export function renderHeader() {
  const conv = current();
  if (!conv) return;
  const room = conv.kind === 'room';
  ui.convPrefix.textContent = room ? '#' : '@';
  ui.convName.textContent = conv.name;
  ui.convTopic.textContent = room ? conv.topic || t('room.noTopic') : t('room.direct');
  ui.convTopic.classList.toggle('empty', room && !conv.topic);
  ui.topicLocked.hidden = !room || !conv.locked;
  ui.topicEdit.hidden = !room || conv.locked;
  ui.roomLeave.hidden = !room || isGeneral(conv);
  ui.input.placeholder = room ? t('composer.placeholderRoom', { room: conv.name })
    : t('composer.placeholderDirect', { name: conv.name });
}

// The pending messages live in one list; each shows with its own conversation.
function showPending(conv) {
  for (const li of ui.pending.children) li.hidden = li.dataset.conv !== conv.key;
}

export function switchTo(conv, { focusInput = false } = {}) {
  const previous = current();
  if (previous && previous !== conv) {
    previous.scrollTop = nearBottom() ? null : ui.scroller.scrollTop;
  }
  state.currentKey = conv.key;
  if (!away()) {
    conv.unread = 0;
    conv.mention = false;
  }
  showEvents(conv);
  showPending(conv);
  ui.jumpLatest.hidden = true;
  renderHeader();
  renderUsers();
  renderTyping();
  renderSidebar();
  updateTitle();
  if (conv.started) updateHistoryBar();
  else startHistory(conv);
  if (conv.scrollTop === null) scrollToBottom();
  else ui.scroller.scrollTop = conv.scrollTop;
  closeSidebar();
  if (focusInput) ui.input.focus();
}

// Alt+Up / Alt+Down: the conversation above or below the current one (wrapping).
export function switchBy(step) {
  const all = ordered();
  if (!all.length) return;
  const at = all.findIndex((c) => c.key === state.currentKey);
  const next = all[(at + step + all.length) % all.length];
  switchTo(next);
  ui.sidebar.querySelector(`.conv[data-key="${CSS.escape(next.key)}"]`)?.focus();
}

// The reader is back (focus, visible): the conversation they see is read.
export function markCurrentRead() {
  const conv = current();
  if (away() || !conv || !conv.unread) return;
  conv.unread = 0;
  conv.mention = false;
  renderSidebar();
  updateTitle();
}

export function toggleSidebar() {
  const open = ui.body.classList.toggle('sidebar-open');
  ui.sidebarToggle.setAttribute('aria-expanded', String(open));
  if (open) ui.sidebar.querySelector('.conv[aria-current]')?.focus();
}

// `refocus`: the panel was dismissed (Close, Escape, a tap beside it): the toggle gets the focus.
export function closeSidebar({ refocus = false } = {}) {
  if (!ui.body.classList.contains('sidebar-open')) return;
  ui.body.classList.remove('sidebar-open');
  ui.sidebarToggle.setAttribute('aria-expanded', 'false');
  if (refocus) ui.sidebarToggle.focus();
}
