# CPython + JPype in worker processes: a JVM does not survive fork() (after_fork.py shows what
# breaks), so each worker starts its own once it exists. Here multiprocessing's 'spawn' start
# method (a fresh python3 per worker) and a Pool initializer; gunicorn without --preload, or its
# post_fork hook, does the same for web workers (OWN_PROJECT.md).
# Run: JAVA_HOME=/path/to/jdk-25 /usr/bin/python3 src/main/python/jpype/workers.py target/python-to-java.jar
import multiprocessing
import os
import sys

import jpype
from calculator import start_java  # the lesson's start, in this folder


def start_worker(classpath):
    """A Pool's initializer: runs once in each new worker, before its first task."""
    start_java(classpath)


def multiply(pair):
    from pythontojava import Calculator
    return int(Calculator.multiply(*pair)), os.getpid()


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: workers.py CLASSPATH  (with JAVA_HOME at a JDK 25; make run passes both)")
    with multiprocessing.get_context("spawn").Pool(2, initializer=start_worker, initargs=(sys.argv[1].split(":"),)) as pool:
        results = pool.map(multiply, [(1, 2), (3, 4), (5, 6), (7, 8)])
    print("CPython + JPype: worker processes, a JVM each (multiprocessing 'spawn')")
    print(f"  4 calls on a pool of 2: {[product for product, _ in results]}")
    print(f"  all in workers, none in the parent: {os.getpid() not in {pid for _, pid in results}};"
          f" the parent started no JVM: {not jpype.isJVMStarted()}")


if __name__ == "__main__":
    main()
