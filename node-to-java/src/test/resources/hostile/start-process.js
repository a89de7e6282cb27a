// A process: no Java class can be looked up, ProcessBuilder included.
Java.type('java.lang.ProcessBuilder');
