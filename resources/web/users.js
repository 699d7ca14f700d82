// The online list: who is here, the reader marked "(you)", the host with its badge.
import { el, ui } from './dom.js';
import { compare, number, t } from './i18n.js';
import { state } from './state.js';

export function hostBadge() {
  const badge = el('span', 'badge', t('users.host'));
  badge.title = t('users.hostLabel');
  return badge;
}

export function renderUsers() {
  const names = Array.from(state.users).sort(compare);
  ui.users.replaceChildren(...names.map((name) => {
    const li = el('li', name === state.username ? 'user me' : 'user', name);
    if (state.operators.has(name)) li.append(' ', hostBadge());
    if (name === state.username) li.append(' ', el('span', 'you', t('users.you')));
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
