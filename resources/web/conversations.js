// The conversations of the sidebar: the rooms this user is in (`general` first) and the direct
// messages (DMs), each with its own timeline. A conversation is keyed `room:NAME` or `dm:NAME`
// (a DM by the partner's name in lower case: the server compares names without case, and its
// frames carry the name as registered). docs/PROTOCOL.md, "Rooms and direct messages".
import { DEFAULT_ROOM } from './protocol.js';
import { state } from './state.js';

// A room's name as the server takes it: 1 to 32 of a-z 0-9 - _ (protocol.js has the pattern).
export const roomKey = (name) => `room:${name}`;
export const dmKey = (name) => `dm:${String(name).toLowerCase()}`;
export const GENERAL_KEY = roomKey(DEFAULT_ROOM);

function newConversation(kind, name) {
  return {
    key: kind === 'room' ? roomKey(name) : dmKey(name),
    kind, // 'room' or 'dm'
    name, // the room, or the DM partner as the server spells it
    topic: '',
    locked: false,
    lastId: 0, // its newest event when the server last said (welcome, room_joined)
    members: new Set(), // a room's members (not for general: everyone online is in it)
    shown: new Map(), // event id -> <li>, also while another conversation is shown
    newestId: 0,
    oldestId: 0, // smallest id shown, or lastId + 1 of the welcome that listed it
    hasOlder: false,
    loadingOlder: false,
    started: false, // its newest page was asked for (when it was first shown)
    catchUpRun: 0,
    unread: 0, // messages from others that arrived while it was not read
    mention: false, // one of them names this user (@name)
    typing: new Map(), // username -> timer that ends "is typing…"
    scrollTop: null, // where the reader was when they switched away (null: at the bottom)
  };
}

export function current() {
  return state.conversations.get(state.currentKey) ?? null;
}

export function isGeneral(conv) {
  return conv?.key === GENERAL_KEY;
}

// The room (created when missing) with what the server said of it.
export function ensureRoom(name, { topic, locked, members, lastId } = {}) {
  const key = roomKey(name);
  let conv = state.conversations.get(key);
  if (!conv) {
    conv = newConversation('room', name);
    state.conversations.set(key, conv);
  }
  if (typeof topic === 'string') conv.topic = topic;
  if (typeof locked === 'boolean') conv.locked = locked;
  if (Array.isArray(members)) conv.members = new Set(members.map(String));
  if (lastId !== undefined) noteLastId(conv, Number(lastId) || 0);
  return conv;
}

export function ensureDm(partner, lastId) {
  const key = dmKey(partner);
  let conv = state.conversations.get(key);
  if (!conv) {
    conv = newConversation('dm', String(partner));
    // A DM that arrives live may have older ones (another tab started it): ask once.
    conv.hasOlder = lastId === undefined;
    state.conversations.set(key, conv);
  } else if (partner !== conv.name && String(partner).toLowerCase() === conv.name.toLowerCase()) {
    conv.name = String(partner); // as the server spells it (the name as registered)
  }
  if (lastId !== undefined) noteLastId(conv, Number(lastId) || 0);
  return conv;
}

// A welcome or room_joined says where the conversation stands. One whose newest page was never
// asked for and that shows nothing starts its history there.
function noteLastId(conv, lastId) {
  conv.lastId = lastId;
  if (!conv.started && conv.shown.size === 0) {
    conv.oldestId = lastId + 1;
    conv.hasOlder = lastId > 0;
  }
}

// The conversation a frame belongs to: `to` names a DM (the partner is the other user; the DM is
// added unless `addDm` is false), `room` a room (none: general). Null for a room this page does
// not have.
export function conversationOf(frame, addDm = true) {
  if (frame.to !== undefined) {
    const from = String(frame.username ?? '');
    const partner = from.toLowerCase() === state.username.toLowerCase() ? String(frame.to) : from;
    if (!addDm) return state.conversations.get(dmKey(partner)) ?? null;
    return ensureDm(partner);
  }
  const room = frame.room === undefined ? DEFAULT_ROOM : String(frame.room);
  return state.conversations.get(roomKey(room)) ?? null;
}

// The sidebar's order: general, the other rooms by name, then the DMs by name.
export function ordered() {
  const all = Array.from(state.conversations.values());
  const byName = (a, b) => a.name.localeCompare(b.name);
  const rooms = all.filter((c) => c.kind === 'room' && !isGeneral(c)).sort(byName);
  const dms = all.filter((c) => c.kind === 'dm').sort(byName);
  const general = state.conversations.get(GENERAL_KEY);
  return [...(general ? [general] : []), ...rooms, ...dms];
}

// What a frame to this conversation names: nothing for general (as protocol 1 did), else the
// room or the addressee.
export function target(conv) {
  if (!conv || isGeneral(conv)) return {};
  return conv.kind === 'room' ? { room: conv.name } : { to: conv.name };
}

export function removeConversation(conv) {
  for (const timer of conv.typing.values()) clearTimeout(timer);
  state.conversations.delete(conv.key);
}

export function totalUnread() {
  let sum = 0;
  for (const conv of state.conversations.values()) sum += conv.unread;
  return sum;
}
