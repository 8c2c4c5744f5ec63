// Live updates: one EventSource on /changes (Server-Sent Events). The browser reconnects on its own and sends
// Last-Event-ID, so the server resumes after the last change this page saw.

/** Calls onChange({ cursor, layer, operation, ids, count, origin }) for every committed change; returns a stop function. */
export function startLiveUpdates(onChange) {
  if (!('EventSource' in window)) return () => {};
  const source = new EventSource('changes');
  source.addEventListener('change', event => {
    try {
      onChange(JSON.parse(event.data));
    } catch (error) {
      console.error('change feed', error);
    }
  });
  // Tests wait on this: the stream is open, so a change from now on reaches this page.
  source.addEventListener('open', () => { document.body.dataset.live = 'open'; });
  source.addEventListener('error', () => { document.body.dataset.live = 'reconnecting'; });
  return () => source.close();
}
