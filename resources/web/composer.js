// The composer: the text being written, its counter near the limit and the message that says by
// how much it is over (nothing is ever cut), and the messages waiting to be sent, each shown as
// pending until the server acknowledges it or refuses it. Each pending message belongs to its
// conversation (shown with it) and goes to it (`room` or `to`).
import { el, ui } from './dom.js';
import * as i18n from './i18n.js';
import { textLength } from './protocol.js';
import { scrollToBottom } from './messages.js';
import { current, target } from './conversations.js';
import { state } from './state.js';

const { t, tn } = i18n;
// The counter shows from this many characters below the limit (as in the desktop app).
const COUNTER_THRESHOLD = 500;

function newCid() {
  // crypto.randomUUID needs a secure context; a LAN page over http:// is not one.
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// The counter near the limit and, over it, the message that says so; Send waits until the
// text fits.
export function updateCounter() {
  const length = textLength(ui.input.value);
  const max = state.maxTextLength;
  const over = length - max;
  ui.counter.hidden = length <= max - COUNTER_THRESHOLD;
  ui.counter.textContent = t('composer.counter',
    { length: i18n.number(length), max: i18n.number(max) });
  ui.counter.classList.toggle('over', over > 0);
  ui.tooLong.hidden = over <= 0;
  ui.tooLong.textContent = over > 0
    ? tn('composer.tooLong', over, { over: i18n.number(over), max: i18n.number(max) }) : '';
  ui.composerStatus.hidden = ui.counter.hidden && ui.tooLong.hidden;
  ui.input.setAttribute('aria-invalid', String(over > 0));
  ui.send.disabled = ui.input.disabled || over > 0;
}

export function autoGrow() {
  ui.input.style.height = 'auto';
  ui.input.style.height = `${Math.min(ui.input.scrollHeight, window.innerHeight * 0.4)}px`;
}

// A pending message the server refused, or that can no longer go: said so, with Dismiss.
export function markFailed(item, why) {
  item.failed = true;
  item.li.classList.remove('pending');
  item.li.classList.add('failed');
  const status = item.li.querySelector('.delivery');
  status.textContent = why ? t('delivery.notSentWhy', { why }) : t('delivery.notSent');
  const dismiss = el('button', 'link-button', t('delivery.dismiss'));
  dismiss.type = 'button';
  dismiss.addEventListener('click', () => { item.li.remove(); ui.input.focus(); });
  item.li.append(dismiss);
}

// Queues the text as a pending message to the conversation (the one shown unless a command
// names another); false when there is nothing to send or it is too long. The composer empties.
export function submitMessage(text = ui.input.value, conv = current()) {
  if (!text.trim() || !conv) return false;
  if (textLength(text) > state.maxTextLength) {
    updateCounter(); // says why; the text stays as typed
    return false;
  }
  const cid = newCid();
  const li = el('li', 'event message own pending');
  li.dataset.cid = cid;
  li.dataset.conv = conv.key;
  li.hidden = conv !== current();
  const meta = el('div', 'meta');
  meta.append(el('span', 'sender', state.username), el('span', 'delivery', t('delivery.sending')));
  li.append(meta, el('p', 'text', text));
  ui.pending.append(li);
  state.pending.set(cid, { text, li, failed: false, key: conv.key, target: target(conv) });
  clearInput();
  scrollToBottom();
  return true;
}

export function clearInput() {
  ui.input.value = '';
  updateCounter();
  autoGrow();
}
