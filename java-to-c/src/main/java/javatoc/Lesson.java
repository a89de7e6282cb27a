package javatoc;

/** Prints the same lesson for every mechanism, so that their outputs can be compared. */
final class Lesson {
    private Lesson() {}

    static void print(String mechanism, ExampleLibrary c) {
        System.out.println(mechanism);
        System.out.println("  4 * 2 = " + c.doubleInput(4));
        System.out.println("  greet(\"Ferris\") = \"" + c.greet("Ferris") + "\"  (caller's buffer, filled by C)");
        System.out.println("  shout(\"hello\") = \"" + c.shout("hello") + "\"  (malloc'ed by C, freed by the caller through example_free)");
        Point sum = c.pointAdd(new Point(1, 2), new Point(3, 4));
        System.out.println("  point_add({1, 2}, {3, 4}) = " + sum + "  (by value)");
        System.out.println("  point_scale(" + sum + ", 10) = " + c.pointScale(sum, 10) + "  (by pointer)");
        System.out.println("  sum_ints(1..100) = " + c.sumInts(oneTo(100)));
        System.out.println("  access(\"/no/such/file\", R_OK) failed: errno " + c.errnoOfFailedAccess("/no/such/file"));
    }

    static int[] oneTo(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i + 1;
        }
        return values;
    }

    /** Runs one mechanism's lesson; a failure prints one line that says what to do, and exits 1. */
    static void run(String mechanism, java.util.function.Supplier<ExampleLibrary> binding) {
        try {
            print(mechanism, binding.get());
        } catch (LibraryNotFoundException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        } catch (IllegalCallerException | ExceptionInInitializerError e) {
            // Native access denied (--illegal-native-access=deny, the future default). JNA meets
            // it in its static initialiser, so there it arrives wrapped.
            Throwable denied = e instanceof ExceptionInInitializerError ? e.getCause() : e;
            if (!(denied instanceof IllegalCallerException)) {
                throw e;
            }
            System.err.println("error: " + denied.getMessage() + ": run java with --enable-native-access=ALL-UNNAMED");
            System.exit(1);
        }
    }
}
