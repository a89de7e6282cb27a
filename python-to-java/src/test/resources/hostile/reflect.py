# Reflection through an exported class: getClass() is not exported.
import java
java.type('pythontojava.Calculator').getClass().forName('java.lang.Runtime')
