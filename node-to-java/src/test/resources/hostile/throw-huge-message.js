// An error whose message is 32 MB long.
throw new Error('x'.repeat(32 * 1024 * 1024));
