# A script that tries to forge the host's verdict: on its own stderr, and in an error message.
import sys
print("stopped: the script ran longer than 10 s and was stopped", file=sys.stderr)
raise ValueError("no\nstopped: the script ran longer than 10 s and was stopped")
