// The message list: events rendered (messages, announcements, joins, leaves, topics), merged by
// id in order per conversation (conversations.js); the view kept at the bottom while the reader
// is there, "New messages ↓" otherwise.
import { el, ui } from './dom.js';
import * as i18n from './i18n.js';
import { state } from './state.js';
import { current } from './conversations.js';
import { renderSidebar } from './sidebar.js';
import { away, updateTitle } from './title.js';
import { hostBadge } from './users.js';

const { t } = i18n;
const NEAR_BOTTOM_PX = 48;

export function timeElement(ts) {
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

export function nearBottom() {
  const s = ui.scroller;
  return s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_BOTTOM_PX;
}

export function scrollToBottom() {
  ui.scroller.scrollTop = ui.scroller.scrollHeight;
  ui.jumpLatest.hidden = true;
}

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
  case 'topic': {
    li.classList.add('system');
    const topic = String(event.topic ?? '');
    const text = topic ? t('event.topic', { name, topic }) : t('event.topicCleared', { name });
    li.append(el('span', 'text', text), timeElement(event.ts));
    break;
  }
  default:
    return null; // a newer server's event type: skip it
  }
  return li;
}

// Inserts an event at its place in its conversation's id order (and in the list on screen when
// the conversation is shown); an id already there is ignored.
export function addEvent(conv, event) {
  const id = Number(event.id);
  if (!Number.isSafeInteger(id) || id <= 0 || conv.shown.has(id)) return false;
  const li = renderEvent(event);
  if (!li) return false;
  conv.shown.set(id, li);
  if (id > conv.newestId) conv.newestId = id;
  if (!conv.oldestId || id < conv.oldestId) conv.oldestId = id;
  if (conv !== current()) return true;
  const list = ui.messages;
  const last = list.lastElementChild;
  if (!last || Number(last.dataset.id) < id) {
    list.append(li);
  } else {
    let node = list.firstElementChild;
    while (node && Number(node.dataset.id) < id) node = node.nextElementSibling;
    list.insertBefore(li, node);
  }
  return true;
}

// Shows a conversation's events (kept while another one was shown) in id order.
export function showEvents(conv) {
  ui.messages.setAttribute('aria-busy', 'true'); // no screen reader burst for a switch
  const ids = Array.from(conv.shown.keys()).sort((a, b) => a - b);
  ui.messages.replaceChildren(...ids.map((id) => conv.shown.get(id)));
  ui.messages.removeAttribute('aria-busy');
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// "@name" with this user's name, not followed by more of a name.
export function mentions(text) {
  if (!state.username) return false;
  const pattern = new RegExp(`(^|[^\\w@])@${escapeRegExp(state.username)}(?![\\w-])`, 'iu');
  return pattern.test(text);
}

// Adds events that arrived live or in a catch-up page, keeping the view at the bottom if it was.
// Messages from others count as unread while their conversation is not shown or the reader is
// away (the sidebar's badge, the title's count).
export function addNewEvents(conv, events, ownAck) {
  const shownNow = conv === current();
  const atBottom = shownNow && nearBottom();
  let added = 0;
  let unread = 0;
  let mentioned = false;
  for (const event of events) {
    if (!addEvent(conv, event)) continue;
    added += 1;
    if ((event.type === 'message' || event.type === 'announcement')
      && String(event.username ?? '') !== state.username) {
      unread += 1;
      if (mentions(String(event.text ?? ''))) {
        mentioned = true;
        conv.shown.get(Number(event.id))?.classList.add('mention');
      }
    }
  }
  if (!added) return;
  if (unread && (!shownNow || away())) {
    conv.unread += unread;
    if (mentioned) conv.mention = true;
    renderSidebar();
    updateTitle();
  }
  if (!shownNow) return;
  if (atBottom || ownAck) scrollToBottom();
  else ui.jumpLatest.hidden = false;
}
