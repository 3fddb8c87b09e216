/**
 * Rows per projects.list call from the ledger: 3,000 rows arrive in six. A page of 500 costs
 * ~10 ms in the backend at province scale (p95 under 30 ms on a busy machine, bench/run.ts)
 * where 1,000 cost ~35: the first rows show sooner and no single call holds the backend long.
 * Its own module so the benchmark can import it without the renderer.
 */
export const LEDGER_PAGE = 500;
