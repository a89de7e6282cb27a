/**
 * The same classes as a named module, for `make image` (jlink links named modules only; SHIPPING.md).
 * Run it on the module path with --enable-native-access=javatoc.tarball: the flag names the module
 * that calls restricted methods (SymbolLookup.libraryLookup, the FFM linker).
 */
module javatoc.tarball {
    requires static com.sun.jna; // for JnaTarball only: compiled against it, left out of the image
    requires static com.dylibso.chicory.runtime; // for WasmTarball only (WASM.md): left out of the image too
    requires static com.dylibso.chicory.wasm;
    exports javatoc.tarball;
}
