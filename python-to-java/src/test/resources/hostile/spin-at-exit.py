# An atexit handler that never ends: GraalPy runs it when the host closes the context.
import atexit
def spin():
    while True:
        pass
atexit.register(spin)
print("registered")
