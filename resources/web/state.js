// The session: everything the page knows about one join, from the Join button to Leave (or the
// end). newSession() replaces it; work that outlives its session (a history page, a catch-up)
// compares the `state` it started with against the current one and drops its result.
import { DEFAULT_MAX_TEXT_LENGTH } from './protocol.js';

function freshState() {
  return {
    token: '',
    username: '', // as the server confirmed it in welcome
    ws: null,
    welcomed: false,
    joinedOnce: false, // a welcome arrived at least once: reconnect from now on
    stopped: true, // no reconnects (left, kicked, refused)
    attempt: 0,
    retryTimer: 0,
    welcomeTimer: 0,
    lastError: null, // the last error frame before a close
    kickReason: null,
    session: '', // the welcome's HTTP credential (Bearer for the history of a DM)
    // The conversations of the sidebar (conversations.js): key -> conversation, each with its
    // own timeline (events by id, newest and oldest id, history paging), unread count, members.
    conversations: new Map(),
    currentKey: '', // the conversation shown
    awaitingRoom: '', // a room this page asked to join: shown when its room_joined comes
    typingSent: new Map(), // conversation key -> when this page last sent `typing` there
    pending: new Map(), // cid -> {text, li, failed, key, target}, in the order typed
    inFlight: null, // the one pending cid sent and not yet answered
    pauseTimer: 0, // after rate_limited or storage_failed: wait before sending again
    storageRetryMs: 0, // the current wait after storage_failed
    users: new Set(),
    operators: new Set(), // the host's participants (welcome.operators, join.operator)
    maxTextLength: DEFAULT_MAX_TEXT_LENGTH,
    muted: false, // the notice says that the reader is muted
    muteTimer: 0, // hides that notice when the mute ends
  };
}

// An ES module's `let` export is a live binding: every importer sees the new session.
export let state = freshState();

export function newSession() {
  state = freshState();
  return state;
}

// Where the page remembers the name of the last join (localStorage).
export const USERNAME_KEY = 'lanchat.username';
// Where the page keeps its identity secret (identity.js).
export const IDENTITY_KEY = 'lanchat.identity';
