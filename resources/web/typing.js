// Typing (docs/PROTOCOL.md, "Typing"): this page says `typing` when the reader starts to type in
// a conversation and again at most every 3 s while they go on; "alice is typing…" shows under
// the current conversation for 5 s after someone's last `typing` there, or until their message.
import { current, target } from './conversations.js';
import { ui } from './dom.js';
import { t } from './i18n.js';
import { sendFrame } from './connection.js';
import { TYPING_INTERVAL_MS } from './protocol.js';
import { state } from './state.js';

const SHOW_MS = 5000;

// The composer's text changed.
export function typed() {
  const conv = current();
  const text = ui.input.value;
  if (!conv || !text.trim() || text.startsWith('/')) return; // a command is not a message
  const now = Date.now();
  if (now - (state.typingSent.get(conv.key) ?? 0) < TYPING_INTERVAL_MS) return;
  if (sendFrame({ type: 'typing', ...target(conv) })) state.typingSent.set(conv.key, now);
}

export function renderTyping() {
  const conv = current();
  const names = conv ? Array.from(conv.typing.keys()) : [];
  let text = '';
  if (names.length === 1) text = t('typing.one', { name: names[0] });
  else if (names.length === 2) text = t('typing.two', { first: names[0], second: names[1] });
  else if (names.length > 2) text = t('typing.many');
  ui.typing.textContent = text;
}

export function typingArrived(conv, username) {
  if (!username || username === state.username) return;
  clearTimeout(conv.typing.get(username));
  conv.typing.set(username, setTimeout(() => stoppedTyping(conv, username), SHOW_MS));
  if (conv === current()) renderTyping();
}

export function stoppedTyping(conv, username) {
  if (!conv.typing.has(username)) return;
  clearTimeout(conv.typing.get(username));
  conv.typing.delete(username);
  if (conv === current()) renderTyping();
}
