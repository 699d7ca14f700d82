// The protocol's facts as this page uses them (docs/PROTOCOL.md), and how the server counts a
// message's length. The page cannot include lanchat_protocol's protocolconstants.h:
// tst_webpage reads the constants of this file and fails when they disagree with it.

export const PROTOCOL_VERSION = 2;
// The room everyone is in (events name their room, or `to` for a direct message; an event
// without either is general's).
export const DEFAULT_ROOM = 'general';
// A room's name: 1 to MAX_ROOM_NAME_LENGTH of a-z 0-9 - _ (the server's rule, isValidRoomName).
export const MAX_ROOM_NAME_LENGTH = 32;
export const ROOM_NAME = new RegExp(`^[a-z0-9_-]{1,${MAX_ROOM_NAME_LENGTH}}$`);
export const MAX_TOPIC_LENGTH = 300; // characters of a room's topic, counted as a message's text
// The server relays one `typing` per this interval per user and conversation.
export const TYPING_INTERVAL_MS = 3000;
export const DEFAULT_MAX_TEXT_LENGTH = 5000; // until the welcome says otherwise
export const MIN_IDENTITY_LENGTH = 22; // an identity secret's characters (base64url)
export const MAX_IDENTITY_LENGTH = 128;
export const CLOSE = {
  POLICY: 1008,
  KICKED: 4000,
  INVALID_USERNAME: 4001,
  USERNAME_TAKEN: 4002,
  BANNED: 4003,
  TOO_MANY_CONNECTIONS: 4005,
  ADDRESS_BLOCKED: 4006,
  NAME_REGISTERED: 4009,
};
// The close the page itself makes when no welcome came in time (a private code, 4100–4999).
export const CLOSE_NO_WELCOME = 4100;
// Closes after which the page never reconnects by itself.
export const FINAL_CLOSE_CODES = [CLOSE.POLICY, CLOSE.KICKED, CLOSE.INVALID_USERNAME,
  CLOSE.USERNAME_TAKEN, CLOSE.BANNED, CLOSE.ADDRESS_BLOCKED, CLOSE.NAME_REGISTERED];
// Errors after which the message was not stored and goes again with the same cid.
export const RETRYABLE_ERRORS = ['rate_limited', 'storage_failed'];

// The page's requests, within what the server allows (tst_webpage checks the bounds).
export const HISTORY_PAGE = 50; // events per scroll-up page
export const CATCHUP_PAGE = 500; // events per catch-up page after a reconnect
export const RATE_LIMIT_PAUSE_MS = 1100; // the server's flood control refills about 2 messages/s

// What the server trims before it counts (QString::trimmed: QChar::isSpace). JavaScript's
// trim() differs: it also strips U+FEFF and keeps U+0085.
const SERVER_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a'
  + '\\u2028\\u2029\\u202f\\u205f\\u3000]';
const SERVER_TRIM = new RegExp(`^${SERVER_SPACE}+|${SERVER_SPACE}+$`, 'g');

// The length as the server counts it: UTF-16 code units after trimming (docs/PROTOCOL.md).
export function textLength(text) {
  return text.replace(SERVER_TRIM, '').length;
}
