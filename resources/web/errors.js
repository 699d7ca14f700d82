// Error frames in the reader's language: the page words each code itself (the server's message
// is English) and shows the message of a code it does not know.
import * as i18n from './i18n.js';

const { t } = i18n;

// Errors whose server message carries what the code alone cannot say (until when, why, which
// rule): the page words the code and adds the message.
const DETAILED_ERRORS = ['invalid_username', 'banned', 'muted'];

// The end of a ban or mute: hh:mm today, the date and time otherwise, in the page's locale.
function endTime(ms) {
  const date = new Date(ms);
  return date.toDateString() === new Date().toDateString()
    ? i18n.clock(date) : i18n.dateTime(date);
}

// `banned` and `muted` from a server that says until when (`until`, ms since the epoch; absent
// when permanent) and why (`reason`, may be empty): worded entirely here. Null for a frame
// without them (an older server): its message is the detail.
function moderationText(error) {
  const { code, until, reason } = error;
  if (code !== 'banned' && code !== 'muted') return null;
  const timed = typeof until === 'number' && Number.isFinite(until);
  if (!timed && (until !== undefined || typeof reason !== 'string')) return null;
  let text;
  if (code === 'banned') {
    text = timed ? t('moderation.bannedUntil', { time: endTime(until) })
      : t('moderation.bannedPermanently');
  } else {
    text = timed ? t('moderation.mutedUntil', { time: endTime(until) })
      : t('moderation.mutedPermanently');
  }
  const why = String(reason ?? '').trim();
  return why ? t('moderation.reason', { text, reason: why }) : text;
}

// The worded error: the catalogue's text for a code, the server's message for an unknown one.
// `error` is {code, message} and, for banned and muted, until and reason as the frame had them.
export function errorText(error) {
  const code = String(error?.code ?? '');
  const message = String(error?.message ?? '');
  const moderation = error ? moderationText({ ...error, code }) : null;
  if (moderation) return moderation;
  if (!i18n.has(`error.${code}`)) return message || code;
  const text = t(`error.${code}`);
  return DETAILED_ERRORS.includes(code) && message
    ? t('notice.serverDetail', { text, detail: message }) : text;
}

// What the page keeps of an error frame.
export function errorOf(frame) {
  const error = { code: String(frame.code ?? ''), message: String(frame.message ?? '') };
  if (Object.hasOwn(frame, 'until')) error.until = frame.until;
  if (Object.hasOwn(frame, 'reason')) error.reason = frame.reason;
  return error;
}
