package javatoc;

/**
 * For `make asm` (asm/asm.sh): calls the lesson's FfmExample.doubleInput (critical) and
 * doubleInputNotCritical until the JIT compiles both, so that -XX:+PrintAssembly shows the
 * machine code of the taught Java-to-C call.
 */
public final class AsmDemo {
    public static void main(String[] args) {
        FfmExample ffm = FfmExample.load();
        int sum = 0;
        for (int i = 0; i < 100_000; i++) {
            sum += ffm.doubleInput(i) + ffm.doubleInputNotCritical(i);
        }
        System.out.println(sum);
    }
}
