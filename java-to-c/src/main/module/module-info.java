/**
 * The same classes as a named module, for `make image` (jlink links named modules only; SHIPPING.md).
 * Run it on the module path with --enable-native-access=javatoc,com.sun.jna: the flag names the
 * modules that call restricted methods (ours: System.load, the FFM linker; JNA's own System.load).
 */
module javatoc {
    requires com.sun.jna; // JNA's jar with a module-info of its own (jna-jpms); the plain jna is automatic
    exports javatoc; // JNA implements our interfaces (a Proxy) and builds our Structures
}
