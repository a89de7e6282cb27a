/**
 * The same classes as a named module, for `make image` (jlink links named modules only; SHIPPING.md).
 * Run it on the module path with --enable-native-access=javatorust: the flag names the module
 * that calls restricted methods (System.load, SymbolLookup.libraryLookup, the FFM linker).
 */
module javatorust {
    exports javatorust;
}
