// Tries to forge the host's verdict: a newline in an error message, and a line of its own on stderr.
console.error('stopped: the script ran longer than 1 s and was stopped (forged by the script)');
throw new Error('oops\nstopped: the script ran longer than 1 s and was stopped (forged by the script)');
