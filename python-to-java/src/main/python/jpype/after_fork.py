# What a JVM started by this process is worth in a child after fork() (gunicorn --preload, Celery's
# prefork, multiprocessing's 'fork'): the child has only the thread that forked; the JVM's own
# threads (the VM thread that runs safepoints and GCs, the GC's, the JIT's) stay in the parent.
# Each case runs in a child the parent waits for, at most SECONDS, then kills: a hang is reported,
# never waited out. Children work in a temporary folder, where a crashing JVM would leave hs_err_pid*.log.
# Run: JAVA_HOME=/path/to/jdk-25 /usr/bin/python3 src/main/python/jpype/after_fork.py target/python-to-java.jar
import glob
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time

from calculator import start_java  # the lesson's start, in this folder

SECONDS = 3  # a healthy JVM answers each case in milliseconds


def case(name, out):
    """Runs one case in this (child) process, writing what it sees to the pipe `out`, a line a step."""
    def say(text):
        os.write(out, (text + "\n").encode())

    say(f"threads: {len(os.listdir('/proc/self/task'))}")
    if name == "exit":  # no Java call at all: exit as a script does, running atexit (JPype's shuts the JVM down)
        sys.exit(0)
    from java.lang import System  # a Java call too: JPype looks the class up
    from pythontojava import Calculator
    say(f"multiply(4, 2) = {Calculator.multiply(4, 2)}")  # a class loaded, a method called before the fork
    System.gc()  # asks the VM thread, which is not in this process
    say("System.gc() returned")


def forked(name):
    """os.fork(): the child runs the case, then leaves with os._exit (no atexit) unless the case exits itself."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            case(name, write)
        finally:
            if name != "exit":
                os._exit(0)
    os.close(write)
    return pid, read


def in_mp_fork():
    """multiprocessing's 'fork' start method: the same fork, then its Process machinery."""
    read, write = os.pipe()
    process = multiprocessing.get_context("fork").Process(target=case, args=("calls", write))
    process.start()
    os.close(write)
    return process.pid, read


def verdict(pid, read, deadline):
    """What the child printed, and how it ended: exited, killed by a signal, or hung (we kill it)."""
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            ended = f"exit status {os.waitstatus_to_exitcode(status)}"
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            ended = f"hung: killed after {SECONDS} s"
            break
        time.sleep(0.05)
    steps = b""
    while chunk := os.read(read, 4096):
        steps += chunk
    os.close(read)
    return [line for line in steps.decode().splitlines()], ended


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: after_fork.py CLASSPATH  (with JAVA_HOME at a JDK 25)")
    start_java(sys.argv[1].split(":"))
    from pythontojava import Calculator
    Calculator.multiply(1, 1)
    print(f"parent: threads: {len(os.listdir('/proc/self/task'))}", flush=True)  # flushed: a child would print it again
    parent, here = os.getpid(), os.getcwd()
    work = tempfile.mkdtemp(prefix="after-fork-")
    os.chdir(work)  # where a child's JVM would write hs_err_pid*.log
    try:
        children = [("os.fork, Java calls", *forked("calls")), ("os.fork, no Java call, sys.exit", *forked("exit")),
                    ("multiprocessing 'fork', Java calls", *in_mp_fork())]
        deadline = time.monotonic() + SECONDS
        for name, pid, read in children:
            steps, ended = verdict(pid, read, deadline)
            print(f"{name}: {'; '.join(steps)}; {ended}")
        crashes = glob.glob("hs_err_pid*.log")
        print(f"hs_err files: {len(crashes)}")
    finally:
        if os.getpid() == parent:  # not in the child that leaves with sys.exit
            os.chdir(here)
            shutil.rmtree(work)


if __name__ == "__main__":
    main()
