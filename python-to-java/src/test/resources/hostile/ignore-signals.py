# SIGTERM, SIGINT, SIGHUP set to ignored: only SIGKILL would end the host. Then it waits.
import signal, time
try:
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, signal.SIG_IGN)
except PermissionError as e:
    print("refused:", e, flush=True)
while True:
    time.sleep(0.1)
