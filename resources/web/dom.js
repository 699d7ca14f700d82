// The page's elements (index.html) by role, and the one way new elements are made: every piece of
// text that came from the network is set with textContent, never as HTML.

const $ = (id) => document.getElementById(id);

export const ui = {
  body: document.body,
  status: $('status'),
  retryNow: $('retry-now'),
  usersToggle: $('users-toggle'),
  usersToggleCount: $('users-toggle-count'),
  leave: $('leave'),
  joinView: $('join-view'),
  joinForm: $('join-form'),
  joinError: $('join-error'),
  joinButton: $('join-button'),
  username: $('username'),
  token: $('token'),
  chatView: $('chat-view'),
  notice: $('notice'),
  scroller: $('scroller'),
  loadOlder: $('load-older'),
  historyStatus: $('history-status'),
  messages: $('messages'),
  pending: $('pending'),
  jumpLatest: $('jump-latest'),
  composer: $('composer'),
  input: $('message-input'),
  send: $('send'),
  composerStatus: $('composer-status'),
  counter: $('counter'),
  tooLong: $('too-long'),
  usersPanel: $('users-panel'),
  usersCount: $('users-count'),
  users: $('users'),
};

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
