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
    shown: new Map(), // event id -> <li>
    newestId: 0,
    oldestId: 0, // smallest id shown, or lastId + 1 of the first welcome
    hasOlder: false,
    loadingOlder: false,
    historyStarted: false,
    catchUpRun: 0,
    pending: new Map(), // cid -> {text, li, failed}, in the order typed
    inFlight: null, // the one pending cid sent and not yet answered
    pauseTimer: 0, // after rate_limited or storage_failed: wait before sending again
    storageRetryMs: 0, // the current wait after storage_failed
    users: new Set(),
    operators: new Set(), // the host's participants (welcome.operators, join.operator)
    unread: 0, // messages that arrived while the tab was hidden or unfocused
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
