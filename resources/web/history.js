// The history over HTTP (GET /api/history), per conversation: older pages as the reader scrolls
// up, and after a reconnect the catch-up of everything that happened meanwhile. A room's history
// is asked for with the token (`?room=`), a DM's with this connection's session (`?with=`, which
// only a session may read).
import { current } from './conversations.js';
import { ui } from './dom.js';
import { t } from './i18n.js';
import { addEvent, addNewEvents, scrollToBottom } from './messages.js';
import { CATCHUP_PAGE, HISTORY_PAGE } from './protocol.js';
import { refused } from './session.js';
import { state } from './state.js';
import { setStatus } from './views.js';

const NEAR_TOP_PX = 80;

async function fetchHistory(conv, params) {
  const dm = conv.kind === 'dm';
  const query = new URLSearchParams({ ...params, ...(dm ? { with: conv.name } : { room: conv.name }) });
  const response = await fetch(`/api/history?${query}`, {
    headers: { Authorization: `Bearer ${dm ? state.session : state.token}` },
    cache: 'no-store',
    credentials: 'omit',
  });
  // A wrong token ends the session; a session that ran out (a long time offline) does not.
  if (response.status === 401 && !dm) throw Object.assign(new Error('token'), { refused: true });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = await response.json();
  return { events: Array.isArray(body.events) ? body.events : [], hasMore: !!body.hasMore };
}

export function updateHistoryBar() {
  const conv = current();
  if (!conv) return;
  ui.loadOlder.hidden = !conv.hasOlder || conv.loadingOlder;
  if (conv.loadingOlder) ui.historyStatus.textContent = t('chat.loadingOlder');
  else if (!conv.hasOlder && conv.started) ui.historyStatus.textContent = t('chat.historyStart');
  else ui.historyStatus.textContent = '';
}

export function nearTop() {
  return ui.scroller.scrollTop < NEAR_TOP_PX;
}

// The conversation's first page (its newest events), once, when it is first shown.
export function startHistory(conv) {
  if (conv.started) return;
  conv.started = true;
  if (!conv.oldestId && conv.lastId) conv.oldestId = conv.lastId + 1;
  updateHistoryBar();
  loadOlder(conv);
}

export async function loadOlder(conv = current()) {
  if (!conv || conv.loadingOlder || !conv.hasOlder) return;
  conv.loadingOlder = true;
  updateHistoryBar();
  const session = state;
  const scroller = ui.scroller;
  try {
    // Without an id to start from (a DM opened here), the newest page.
    const from = conv.oldestId ? { before: conv.oldestId } : {};
    const page = await fetchHistory(conv, { ...from, limit: HISTORY_PAGE });
    if (session !== state) return;
    const shownNow = conv === current();
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    const wasEmpty = conv.shown.size === 0;
    ui.messages.setAttribute('aria-busy', 'true'); // no screen reader burst for old pages
    for (const event of page.events) addEvent(conv, event);
    ui.messages.removeAttribute('aria-busy');
    conv.hasOlder = page.hasMore;
    conv.loadingOlder = false;
    if (!shownNow) return;
    // Keep what the reader was looking at in place; the first page starts at the bottom.
    if (wasEmpty) scrollToBottom();
    else scroller.scrollTop = scroller.scrollHeight - fromBottom;
    updateHistoryBar();
    // Until the list overflows there is nothing to scroll: fill the view.
    if (conv.hasOlder && scroller.scrollHeight <= scroller.clientHeight) loadOlder(conv);
  } catch (error) {
    if (session !== state) return;
    conv.loadingOlder = false;
    if (error.refused) return refused();
    updateHistoryBar();
    if (conv === current()) ui.historyStatus.textContent = t('chat.olderFailed');
  }
}

// After a reconnect: every event of the conversation after the newest one shown before it, up to
// the welcome's lastId for it, page by page, so nothing that happened while away is missing.
// Each page starts after the last id of the page before: live frames arriving meanwhile (merged
// by id) move conv.newestId past events that no page has brought yet.
export async function catchUp(conv, lastId) {
  const run = ++conv.catchUpRun;
  const session = state;
  let after = conv.newestId;
  try {
    while (after < lastId) {
      const page = await fetchHistory(conv, { after, limit: CATCHUP_PAGE });
      if (session !== state || run !== conv.catchUpRun) return;
      addNewEvents(conv, page.events, false);
      const last = page.events.reduce((max, event) => Math.max(max, Number(event.id) || 0), 0);
      if (!page.hasMore || last <= after) return;
      after = last;
    }
  } catch (error) {
    if (session !== state) return;
    if (error.refused) return refused();
    setStatus(t('status.catchUpFailed'), 'open');
  }
}
