// The browser shell's stand-in for the Electron preload: installs the same `window.api`
// (invoke/on) over loopback HTTP. Plain JavaScript served as it is, so no build step
// or bundler helper can sneak into what the page runs.
(function installBridge() {
  const listeners = new Map();

  // Bytes (photos) cross HTTP as {"$bytes": base64}; over Electron IPC they are structured-cloned.
  function toBase64(bytes) {
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin);
  }
  function fromBase64(text) {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  const encode = (_key, value) => (value instanceof Uint8Array ? { $bytes: toBase64(value) } : value);
  const decode = (_key, value) =>
    value && typeof value === 'object' && typeof value.$bytes === 'string' ? fromBase64(value.$bytes) : value;
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
        body: JSON.stringify({ channel, input: input ?? {} }, encode),
      });
      return JSON.parse(await res.text(), decode);
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
