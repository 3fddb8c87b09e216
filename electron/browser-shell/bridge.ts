/**
 * The browser shell's stand-in for the Electron preload: installs the same
 * `window.api` (invoke/on) over loopback HTTP. Served to the page as the
 * source text of `installBridge`, so it must stay self-contained: no imports,
 * no references outside its own body.
 */
export function installBridge(): void {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  let source: EventSource | null = null;

  function connect(): void {
    source = new EventSource('./api/events');
    source.onmessage = (msg: MessageEvent<string>) => {
      const { event, payload } = JSON.parse(msg.data) as { event: string; payload: unknown };
      listeners.get(event)?.forEach((cb) => cb(payload));
    };
  }

  async function invoke(channel: string, input: unknown): Promise<unknown> {
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

  function on(event: string, cb: Listener): () => void {
    if (!source) connect();
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(cb);
    return () => set.delete(cb);
  }

  Object.defineProperty(window, 'api', { value: Object.freeze({ invoke, on }), writable: false });
}
