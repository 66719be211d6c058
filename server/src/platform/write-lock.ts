// SQLite has one writer. A job's transaction on its own connection (busy_timeout=0) fails at once
// with SQLITE_BUSY while a request is writing; the lock is taken by the transaction's first
// statement, so a retry has written nothing and can simply start again.

const isBusy = (err: unknown) => {
  const code = (err as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
};

/** Runs a write transaction, starting it again (up to ~30 s) while the writer is taken. Waits asynchronously: the holder may share this thread. */
export async function withWriteLock<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!isBusy(err) || attempt >= 300) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
