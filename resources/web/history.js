// The history over HTTP (GET /api/history): older pages as the reader scrolls up, and after a
// reconnect the catch-up of everything that happened meanwhile.
import { ui } from './dom.js';
import { t } from './i18n.js';
import { addEvent, addNewEvents, scrollToBottom } from './messages.js';
import { CATCHUP_PAGE, HISTORY_PAGE } from './protocol.js';
import { refused } from './session.js';
import { state } from './state.js';
import { setStatus } from './views.js';

const NEAR_TOP_PX = 80;

async function fetchHistory(params) {
  const query = new URLSearchParams(params);
  const response = await fetch(`/api/history?${query}`, {
    headers: { Authorization: `Bearer ${state.token}` },
    cache: 'no-store',
    credentials: 'omit',
  });
  if (response.status === 401) throw Object.assign(new Error('token'), { refused: true });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = await response.json();
  return { events: Array.isArray(body.events) ? body.events : [], hasMore: !!body.hasMore };
}

export function updateHistoryBar() {
  ui.loadOlder.hidden = !state.hasOlder || state.loadingOlder;
  if (state.loadingOlder) ui.historyStatus.textContent = t('chat.loadingOlder');
  else if (!state.hasOlder && state.historyStarted) ui.historyStatus.textContent = t('chat.historyStart');
  else if (state.hasOlder) ui.historyStatus.textContent = '';
}

export function nearTop() {
  return ui.scroller.scrollTop < NEAR_TOP_PX;
}

export async function loadOlder() {
  if (state.loadingOlder || !state.hasOlder) return;
  state.loadingOlder = true;
  updateHistoryBar();
  const session = state;
  const scroller = ui.scroller;
  try {
    const page = await fetchHistory({ before: state.oldestId, limit: HISTORY_PAGE });
    if (session !== state) return;
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    const wasEmpty = state.shown.size === 0;
    ui.messages.setAttribute('aria-busy', 'true'); // no screen reader burst for old pages
    for (const event of page.events) addEvent(event);
    ui.messages.removeAttribute('aria-busy');
    state.hasOlder = page.hasMore;
    // Keep what the reader was looking at in place; the first page starts at the bottom.
    if (wasEmpty) scrollToBottom();
    else scroller.scrollTop = scroller.scrollHeight - fromBottom;
    state.loadingOlder = false;
    updateHistoryBar();
    // Until the list overflows there is nothing to scroll: fill the view.
    if (state.hasOlder && scroller.scrollHeight <= scroller.clientHeight) loadOlder();
  } catch (error) {
    if (session !== state) return;
    state.loadingOlder = false;
    if (error.refused) return refused();
    updateHistoryBar();
    ui.historyStatus.textContent = t('chat.olderFailed');
  }
}

// After a reconnect: every event after the newest one shown before it, up to the welcome's
// lastId, page by page, so nothing that happened while away is missing. Each page starts after
// the last id of the page before: live frames arriving meanwhile (merged by id) move
// state.newestId past events that no page has brought yet.
export async function catchUp(lastId) {
  const run = ++state.catchUpRun;
  const session = state;
  let after = state.newestId;
  try {
    while (after < lastId) {
      const page = await fetchHistory({ after, limit: CATCHUP_PAGE });
      if (session !== state || run !== state.catchUpRun) return;
      addNewEvents(page.events, false);
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
