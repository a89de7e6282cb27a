# Java class lookup: java.lang.Runtime.
import java
java.type('java.lang.Runtime').getRuntime().exec('id')
