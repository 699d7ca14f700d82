// The server's frames about conversations (docs/PROTOCOL.md, "Rooms and direct messages"): the
// welcome's rooms and DMs, room_joined, join and leave (presence in general, membership in the
// other rooms), topic, typing, announcements, and the operator's room_deleted and room_updated.
import {
  conversationOf, current, ensureDm, ensureRoom, GENERAL_KEY, isGeneral, removeConversation,
} from './conversations.js';
import { t } from './i18n.js';
import { addNewEvents } from './messages.js';
import { DEFAULT_ROOM } from './protocol.js';
import { roomJoined, showRoomNotice, topicSet } from './roomactions.js';
import { renderHeader, renderSidebar, switchTo } from './sidebar.js';
import { state } from './state.js';
import { typingArrived } from './typing.js';
import { renderUsers, userJoined, userLeft } from './users.js';
import { updateTitle } from './title.js';

// The welcome's rooms (general first) and DM partners become the sidebar; rooms no longer listed
// (left or deleted while away, or an unregistered user's rooms after a reconnect) go. Returns
// each conversation with its lastId. A server without `rooms` has general only.
export function welcomeConversations(frame) {
  const rooms = Array.isArray(frame.rooms) && frame.rooms.length
    ? frame.rooms : [{ room: DEFAULT_ROOM, lastId: frame.lastId }];
  const result = [];
  const listed = new Set();
  for (const item of rooms) {
    if (!item || typeof item.room !== 'string') continue;
    const conv = ensureRoom(item.room, item);
    listed.add(conv.key);
    result.push([conv, conv.lastId]);
  }
  if (!listed.has(GENERAL_KEY)) {
    const general = ensureRoom(DEFAULT_ROOM, { lastId: frame.lastId });
    listed.add(general.key);
    result.push([general, general.lastId]);
  }
  for (const item of Array.isArray(frame.directs) ? frame.directs : []) {
    if (!item || typeof item.username !== 'string') continue;
    const conv = ensureDm(item.username, item.lastId);
    listed.add(conv.key);
    result.push([conv, conv.lastId]);
  }
  for (const conv of Array.from(state.conversations.values())) {
    if (conv.kind === 'room' && !listed.has(conv.key)) drop(conv);
  }
  renderSidebar();
  return result;
}

// After a reconnect the conversation shown stays; what the welcome said of it shows.
export function refreshCurrent() {
  renderHeader();
  renderUsers();
  renderSidebar();
}

// A room that is no longer this user's: out of the sidebar; general is shown if it was.
function drop(conv, notice) {
  const wasCurrent = conv === current();
  removeConversation(conv);
  if (wasCurrent) switchTo(state.conversations.get(GENERAL_KEY));
  else renderSidebar();
  updateTitle();
  if (notice) showRoomNotice(notice);
}

function onJoin(conv, frame, username) {
  if (isGeneral(conv)) userJoined(username, frame.operator === true);
  else {
    conv.members.add(username);
    if (conv === current()) renderUsers();
  }
  addNewEvents(conv, [frame], false);
}

function onLeave(conv, frame, username) {
  addNewEvents(conv, [frame], false);
  if (isGeneral(conv)) return userLeft(username);
  if (username === state.username) {
    // This user left the room (here, in another tab, or the operator removed them).
    return drop(conv, frame.kicked ? t('room.removed', { room: conv.name })
      : t('room.left', { room: conv.name }));
  }
  conv.members.delete(username);
  if (conv === current()) renderUsers();
  return undefined;
}

export function onRoomFrame(frame) {
  const username = String(frame.username ?? '');
  if (frame.type === 'room_joined') {
    if (typeof frame.room !== 'string') return;
    const conv = ensureRoom(frame.room, frame);
    renderSidebar();
    if (conv === current()) refreshCurrent();
    roomJoined(conv);
    return;
  }
  // Someone typing to this user starts no DM; their message does.
  const conv = conversationOf(frame, frame.type !== 'typing');
  if (!conv) return; // a room (or, for typing, a DM) this page does not have
  switch (frame.type) {
  case 'join': return onJoin(conv, frame, username);
  case 'leave': return onLeave(conv, frame, username);
  case 'announcement': return addNewEvents(conv, [frame], false);
  case 'topic':
    conv.topic = String(frame.topic ?? '');
    if (conv === current()) renderHeader();
    addNewEvents(conv, [frame], false);
    return topicSet(conv, username);
  case 'typing':
    return typingArrived(conv, username);
  case 'room_deleted':
    if (isGeneral(conv)) return undefined;
    return drop(conv, t('room.deleted', { room: conv.name }));
  case 'room_updated':
    if (typeof frame.locked === 'boolean') conv.locked = frame.locked;
    if (typeof frame.topic === 'string') conv.topic = frame.topic;
    if (conv === current()) renderHeader();
    return undefined;
  default:
    return undefined;
  }
}
