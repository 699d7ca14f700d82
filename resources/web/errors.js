// Error frames in the reader's language: the page words each code itself (the server's message
// is English) and shows the message of a code it does not know.
import * as i18n from './i18n.js';

const { t } = i18n;

// Errors whose server message carries what the code alone cannot say (until when, why, which
// rule): the page words the code and adds the message.
const DETAILED_ERRORS = ['invalid_username', 'banned', 'muted'];

// The worded error: the catalogue's text for a code, the server's message for an unknown one.
export function errorText(error) {
  const code = String(error?.code ?? '');
  const message = String(error?.message ?? '');
  if (!i18n.has(`error.${code}`)) return message || code;
  const text = t(`error.${code}`);
  return DETAILED_ERRORS.includes(code) && message
    ? t('notice.serverDetail', { text, detail: message }) : text;
}
