# Moving bytes between CPython and Java through JPype (DATA.md): each function moves one payload
# one way, and the receiver ends up with the bytes in memory of its own.
# Call start_java (calculator.py) first; bench/moving_data.py times these functions, JPypeTest checks them.
import functools

import jpype
import numpy

from jpype import JArray, JByte


@functools.cache
def java():
    """The Java side (MovingData), once the JVM runs."""
    return jpype.JClass("pythontojava.MovingData")


# Python -> Java

def bytes_to_new_array(data):
    """bytes (or bytearray, memoryview, a 1-D NumPy int8 array) to a new Java byte[]: JPype copies
    element by element."""
    return JArray(JByte)(data)


def bytes_as_argument(data):
    """bytes passed where Java takes a byte[]: JPype makes the byte[] (as above); Java keeps it and
    returns it (to Python, a reference to the Java array, not a copy)."""
    return java().receive(data)


def bytes_into_array(data, array):
    """Into a Java byte[] made once (slice assignment): no allocation, but still element by element."""
    array[:] = data
    return array


def through_direct_buffer(data, array):
    """A writable Python buffer (bytearray, NumPy array of any shape, C-contiguous) seen by Java as a
    direct ByteBuffer over Python's memory, no copy; Java copies it into its own byte[] once."""
    return java().copyInto(jpype.nio.convertToDirectBuffer(data), array)


def numpy_2d_to_array(matrix):
    """A 2-D NumPy array to a Java byte[][]: one new Java array per row, each element by element."""
    return JArray(JByte, 2)(matrix)


# Java -> Python

def array_to_bytes(array):
    """A Java byte[] to bytes, element by element: the slow way."""
    return bytes(array)


def array_through_memoryview(array):
    """A Java byte[] to bytes through the buffer protocol: one bulk copy out of the JVM."""
    return bytes(memoryview(array))


def array_into_numpy(array, into):
    """A Java byte[] into a NumPy int8 array of Python's own: numpy.asarray reads it as a buffer."""
    into[:] = numpy.asarray(array)
    return into


def direct_buffer_into_numpy(buffer, into):
    """A Java direct ByteBuffer seen by NumPy without a copy; copied into Python's own array once.
    (memoryview(buffer) itself is broken in JPype 1.4: its nbytes is 0, bytes() of it fails.)"""
    into[:] = numpy.asarray(buffer)
    return into


def matrix_shape(size):
    """The 2-D shape these lessons give `size` bytes: rows of 1 KiB when it divides, else one row."""
    return (size // 1024, 1024) if size >= 1024 and size % 1024 == 0 else (1, size)
