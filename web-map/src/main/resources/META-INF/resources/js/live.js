// The live stream (/api/live, server-sent events of case changes in the user's jurisdiction).
// The browser reconnects by itself after a lost connection and sends Last-Event-ID, so the server
// replays exactly the changes missed meanwhile. When the browser gives up (the server answered
// with an error page, or the session ended), this module reconnects itself with ?lastEventId= after
// a growing pause. It reports 'connecting' | 'online' | 'offline' (with the time it went offline).

const MAX_PAUSE_MS = 30_000;

export function connectLive(url, { onChange, onState = () => {} }) {
  let lastEventId = null;
  let source = null;
  let offlineSince = null;
  let pause = 1000;
  let timer = null;
  let stopped = false;

  function setState(state) {
    if (state === 'offline' && offlineSince == null) {
      offlineSince = new Date();
    }
    if (state === 'online') {
      offlineSince = null;
      pause = 1000;
    }
    onState(state, offlineSince);
  }

  function open() {
    const address = lastEventId == null ? url : `${url}${url.includes('?') ? '&' : '?'}lastEventId=${encodeURIComponent(lastEventId)}`;
    source = new EventSource(address, { withCredentials: true });
    source.addEventListener('ready', () => setState('online'));
    source.addEventListener('open', () => setState('online'));
    source.addEventListener('case', (event) => {
      lastEventId = event.lastEventId || lastEventId;
      let change;
      try {
        change = JSON.parse(event.data);
      } catch {
        return;
      }
      onChange(change);
    });
    source.addEventListener('error', () => {
      setState('offline');
      if (source.readyState === EventSource.CLOSED && !stopped) {
        // The browser will not retry: do it ourselves, resuming after the last change seen.
        clearTimeout(timer);
        timer = setTimeout(open, pause);
        pause = Math.min(MAX_PAUSE_MS, pause * 2);
      }
    });
  }

  setState('connecting');
  open();
  window.addEventListener('online', () => {
    if (source?.readyState === EventSource.CLOSED) {
      clearTimeout(timer);
      open();
    }
  });
  return {
    lastEventId: () => lastEventId,
    close() {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    },
  };
}
