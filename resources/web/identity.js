// This browser's identity secret (docs/PROTOCOL.md, "Identities and registered names"): 32 random
// bytes from crypto.getRandomValues, base64url, kept in localStorage so that a name this user
// registers stays theirs. Where nothing can be stored (private mode, storage off) the page sends
// none and is served as before: a name it could not keep should not be registered.
import { IDENTITY_KEY } from './state.js';
import { MAX_IDENTITY_LENGTH, MIN_IDENTITY_LENGTH } from './protocol.js';

const VALID = new RegExp(`^[A-Za-z0-9_-]{${MIN_IDENTITY_LENGTH},${MAX_IDENTITY_LENGTH}}$`);
const RANDOM_BYTES = 32;

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// The stored secret, or a new one once it is stored; '' when storage is unavailable.
export function identity() {
  try {
    const stored = localStorage.getItem(IDENTITY_KEY);
    if (stored && VALID.test(stored)) return stored;
    const made = base64url(crypto.getRandomValues(new Uint8Array(RANDOM_BYTES)));
    localStorage.setItem(IDENTITY_KEY, made);
    return localStorage.getItem(IDENTITY_KEY) === made ? made : '';
  } catch {
    return '';
  }
}
