package javatoc;

/** Every native method of JniExample and JniBuffers, on its normal and its exception paths: run under -Xcheck:jni by ProgramsTest. */
public final class JniUnderCheck {
    private JniUnderCheck() {}

    public static void main(String[] args) {
        JniExample jni = JniExample.load();
        jni.doubleInput(21);
        jni.greet("Zoë 🦀");
        jni.shout("Zoë 🦀");
        jni.pointAdd(new Point(1, 2), new Point(3, 4));
        jni.pointAddLookingUpEachCall(new Point(1, 2), new Point(3, 4));
        jni.pointScale(new Point(1, 2), 3);
        jni.sumInts(new int[] {1, 2, 3});
        jni.errnoOfFailedAccess("/no/such/file");
        try (JniBuffers buffers = new JniBuffers(1024)) { // moving data (DATA.md): each way, both directions
            byte[] bytes = new byte[1024];
            buffers.fillInC(1024);
            buffers.regionFromC(bytes, 1024);
            buffers.criticalFromC(bytes, 1024);
            buffers.directFromC(bytes, 1024);
            buffers.regionToC(bytes, 1024);
            buffers.criticalToC(bytes, 1024);
            buffers.directToC(bytes, 1024);
            buffers.checksumInC(1024);
        }
        // The exception paths: C throws, and must return at once without another JNI call.
        for (Runnable call : new Runnable[] {() -> jni.pointAdd(null, new Point(1, 2)), () -> jni.pointAdd(new Point(1, 2), null),
                () -> jni.pointAddLookingUpEachCall(new Point(1, 2), null), () -> jni.pointScale(null, 1),
                () -> jni.sumInts(null), () -> jni.errnoOfFailedAccess(null), () -> jni.errnoOfFailedAccess("/")}) {
            try {
                call.run();
                throw new AssertionError("no exception");
            } catch (NullPointerException | IllegalStateException expected) {
                System.out.println(expected.getClass().getSimpleName() + ": " + expected.getMessage());
            }
        }
    }
}
