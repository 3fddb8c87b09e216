// The browser shell's stand-in for the Electron preload: installs the same `window.api`
// (invoke/on) over loopback HTTP. Plain JavaScript served as it is, so no build step
// or bundler helper can sneak into what the page runs.
(function installBridge() {
  const listeners = new Map();
  let source = null;

  function connect() {
    source = new EventSource('./api/events');
    source.onmessage = (msg) => {
      const { event, payload } = JSON.parse(msg.data);
      listeners.get(event)?.forEach((cb) => cb(payload));
    };
  }

  async function invoke(channel, input) {
    try {
      const res = await fetch('./api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sitebook': '1' },
        body: JSON.stringify({ channel, input: input ?? {} }),
      });
      return await res.json();
    } catch (err) {
      return { ok: false, error: { code: 'internal', message: `backend unreachable: ${String(err)}` } };
    }
  }

  function on(event, cb) {
    if (!source) connect();
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(cb);
    return () => set.delete(cb);
  }

  Object.defineProperty(window, 'api', { value: Object.freeze({ invoke, on }), writable: false });
})();
