// What the reader does with conversations: join or create a room, leave one, set a topic, start
// a direct message, through the sidebar's and header's controls (one small dialog) or the
// composer's commands: /join ROOM, /leave, /topic TEXT, /msg NAME TEXT. The server's answers
// (room_joined, topic, errors) close the dialog or say what went wrong.
import { submitMessage } from './composer.js';
import { sendFrame } from './connection.js';
import { current, ensureDm, isGeneral, roomKey } from './conversations.js';
import { ui } from './dom.js';
import { t } from './i18n.js';
import { MAX_TOPIC_LENGTH, ROOM_NAME, textLength } from './protocol.js';
import { renderSidebar, switchTo } from './sidebar.js';
import { state } from './state.js';

const NOTICE_MS = 8000;
const MAX_NAME_LENGTH = 32; // a username's characters (the join form's rule)

// The dialog's texts for each of its uses.
const PROMPTS = {
  join: { title: 'prompt.joinTitle', label: 'prompt.joinLabel', hint: 'prompt.joinHint',
    submit: 'prompt.joinSubmit' },
  direct: { title: 'prompt.directTitle', label: 'prompt.directLabel', hint: 'prompt.directHint',
    submit: 'prompt.directSubmit' },
  topic: { title: 'prompt.topicTitle', label: 'prompt.topicLabel', hint: 'prompt.topicHint',
    submit: 'prompt.topicSubmit' },
};

let purpose = null; // the dialog's use while it is open
let noticeTimer = 0;

// A short line above the timeline: what a command or a room change did or why it failed.
export function showRoomNotice(text) {
  clearTimeout(noticeTimer);
  ui.roomNotice.textContent = text;
  ui.roomNotice.hidden = !text;
  if (text) noticeTimer = setTimeout(() => showRoomNotice(''), NOTICE_MS);
}

function promptError(text) {
  ui.promptError.textContent = text;
  ui.promptError.hidden = !text;
  ui.promptSubmit.disabled = false;
  if (text) ui.promptInput.focus();
}

export function openPrompt(kind) {
  const conv = current();
  purpose = kind;
  const texts = PROMPTS[kind];
  ui.promptTitle.textContent = t(texts.title);
  ui.promptLabel.textContent = t(texts.label);
  ui.promptHint.textContent = t(texts.hint);
  ui.promptSubmit.textContent = t(texts.submit);
  ui.promptInput.value = kind === 'topic' ? conv?.topic ?? '' : '';
  ui.promptInput.maxLength = kind === 'topic' ? MAX_TOPIC_LENGTH * 2 : 64;
  promptError('');
  if (!ui.prompt.open) ui.prompt.showModal();
  ui.promptInput.focus();
  ui.promptInput.select();
}

export function closePrompt() {
  purpose = null;
  state.awaitingRoom = '';
  if (ui.prompt.open) ui.prompt.close();
}

// The dialog's form: checked here as the server would, then sent; the dialog stays until the
// server answers (room_joined, topic) or refuses (the error shows in it).
export function submitPrompt() {
  const value = ui.promptInput.value.trim();
  if (purpose === 'join') requestJoin(value, promptError);
  else if (purpose === 'direct') startDirect(value, promptError);
  else if (purpose === 'topic') setTopic(current(), ui.promptInput.value, promptError);
}

function requestJoin(name, fail) {
  if (!ROOM_NAME.test(name)) return fail(t('room.invalidName'));
  const known = state.conversations.get(roomKey(name));
  if (known) {
    closePrompt();
    return switchTo(known, { focusInput: true });
  }
  if (!sendFrame({ type: 'join_room', room: name })) return fail(t('room.offline'));
  state.awaitingRoom = name;
  if (purpose === 'join') ui.promptSubmit.disabled = true;
  return undefined;
}

function startDirect(name, fail) {
  if (!name || [...name].length > MAX_NAME_LENGTH) return fail(t('join.nameMissing'));
  closePrompt();
  return openDirect(name);
}

function setTopic(conv, text, fail) {
  if (!conv || conv.kind !== 'room') return fail(t('room.topicDirect'));
  if (conv.locked) return fail(t('error.room_locked'));
  if (textLength(text) > MAX_TOPIC_LENGTH) return fail(t('error.topic_too_long'));
  if (!sendFrame({ type: 'topic', room: conv.name, topic: text.trim() })) {
    return fail(t('room.offline'));
  }
  if (purpose === 'topic') ui.promptSubmit.disabled = true;
  return undefined;
}

export function leaveCurrent() {
  const conv = current();
  if (!conv || conv.kind !== 'room') return showRoomNotice(t('room.leaveDirect'));
  if (isGeneral(conv)) return showRoomNotice(t('room.leaveGeneral'));
  if (!sendFrame({ type: 'leave_room', room: conv.name })) showRoomNotice(t('room.offline'));
  return undefined;
}

// The DM with `name` in the sidebar and shown (nothing is sent until a message is).
export function openDirect(name) {
  const conv = ensureDm(name);
  renderSidebar();
  switchTo(conv, { focusInput: true });
  return conv;
}

// A composer line that is a command: done here (true), or not one (false: send it as text).
// "//text" sends "/text".
export function runCommand(text) {
  const match = /^\/([A-Za-z]+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match || text.startsWith('//')) return false;
  const rest = (match[2] ?? '').trim();
  switch (match[1].toLowerCase()) {
  case 'join':
    requestJoin(rest, showRoomNotice);
    return true;
  case 'leave':
    leaveCurrent();
    return true;
  case 'topic':
    setTopic(current(), rest, showRoomNotice);
    return true;
  case 'msg': {
    const parts = /^(\S+)\s+([\s\S]+)$/.exec(rest);
    if (!parts) {
      showRoomNotice(t('command.msgUsage'));
      return true;
    }
    const conv = openDirect(parts[1]);
    submitMessage(parts[2], conv);
    return true;
  }
  default:
    showRoomNotice(t('command.unknown', { command: `/${match[1]}` }));
    return true;
  }
}

// room_joined: the room this page asked for is shown (another tab's join only adds it).
export function roomJoined(conv) {
  if (state.awaitingRoom !== conv.name) return;
  closePrompt();
  switchTo(conv, { focusInput: true });
}

// A topic event: the reader's own one closes the topic dialog.
export function topicSet(conv, username) {
  if (purpose === 'topic' && username === state.username && conv === current()) closePrompt();
}

// An error frame without cid after the welcome: a room action failed (or a typing frame was
// refused). Said in the dialog when it is open, else above the timeline.
export function actionFailed(text) {
  state.awaitingRoom = '';
  if (purpose && ui.prompt.open) promptError(text);
  else showRoomNotice(text);
}
