// The people list beside the timeline: who is in the current conversation, the reader marked
// "(you)", the host with its badge.
import { el, ui } from './dom.js';
import { compare, number, t } from './i18n.js';
import { current, isGeneral } from './conversations.js';
import { openDirect } from './roomactions.js';
import { state } from './state.js';

export function hostBadge() {
  const badge = el('span', 'badge', t('users.host'));
  badge.title = t('users.hostLabel');
  return badge;
}

// Who is in the current conversation: everyone online for general, the members of a room (those
// offline dimmed), the two of a DM. Clicking someone else (or their "Message" button) starts a
// direct message with them.
function shownNames(conv) {
  if (!conv || isGeneral(conv)) return Array.from(state.users);
  if (conv.kind === 'room') return Array.from(conv.members);
  return Array.from(new Set([state.username, conv.name]));
}

export function renderUsers() {
  const conv = current();
  const names = shownNames(conv).sort(compare);
  ui.usersHeading.textContent = t(!conv || isGeneral(conv) ? 'users.heading' : 'users.members');
  ui.users.replaceChildren(...names.map((name) => {
    const me = name === state.username;
    const li = el('li', me ? 'user me' : 'user', name);
    if (!state.users.has(name)) {
      li.classList.add('offline');
      li.title = t('users.offline');
    }
    if (state.operators.has(name)) li.append(' ', hostBadge());
    if (me) li.append(' ', el('span', 'you', t('users.you')));
    if (!me) {
      const dm = el('button', 'dm-button', t('users.message'));
      dm.type = 'button';
      dm.setAttribute('aria-label', t('users.messageLabel', { name }));
      li.append(dm);
      li.addEventListener('click', () => openDirect(name));
    }
    return li;
  }));
  ui.usersCount.textContent = number(names.length);
  ui.usersToggleCount.textContent = number(names.length);
}

// welcome: everyone online, and the host's participants (older servers send no operators: then
// nobody gets the badge).
export function setUsers(users, operators) {
  state.users = new Set((Array.isArray(users) ? users : []).map(String));
  state.operators = new Set((Array.isArray(operators) ? operators : []).map(String));
  renderUsers();
}

export function userJoined(username, operator) {
  state.users.add(username);
  if (operator) state.operators.add(username);
  else state.operators.delete(username);
  renderUsers();
}

export function userLeft(username) {
  state.users.delete(username);
  state.operators.delete(username);
  renderUsers();
}

export function toggleUsersPanel() {
  const open = ui.body.classList.toggle('users-open');
  ui.usersToggle.setAttribute('aria-expanded', String(open));
}
