# SIGINT raised in the host JVM would end it (exit 130, no message); SIGKILL would too.
import signal
signal.raise_signal(signal.SIGINT)
