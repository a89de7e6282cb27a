// Java class lookup: java.lang.Runtime.
Java.type('java.lang.Runtime').getRuntime().exec('id');
