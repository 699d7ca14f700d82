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
  sidebar: $('sidebar'),
  sidebarToggle: $('sidebar-toggle'),
  sidebarClose: $('sidebar-close'),
  sidebarToggleCount: $('sidebar-toggle-count'),
  roomList: $('room-list'),
  dmList: $('dm-list'),
  dmEmpty: $('dm-empty'),
  joinRoom: $('join-room'),
  newDirect: $('new-direct'),
  convPrefix: $('conv-prefix'),
  convName: $('conv-name'),
  convTopic: $('conv-topic'),
  topicLocked: $('topic-locked'),
  topicEdit: $('topic-edit'),
  roomLeave: $('room-leave'),
  roomNotice: $('room-notice'),
  typing: $('typing'),
  prompt: $('prompt'),
  promptForm: $('prompt-form'),
  promptTitle: $('prompt-title'),
  promptLabel: $('prompt-label'),
  promptInput: $('prompt-input'),
  promptHint: $('prompt-hint'),
  promptError: $('prompt-error'),
  promptCancel: $('prompt-cancel'),
  promptSubmit: $('prompt-submit'),
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
  usersHeading: $('users-heading'),
  users: $('users'),
};

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
