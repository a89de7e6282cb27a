/* For SignalsTest: which handler the kernel has for SIGSEGV, SIGINT and SIGQUIT before the JVM
 * starts, after, and after this program installs its own SIGSEGV handler:
 *
 *     signals [jvm option]...
 *
 * prints "<when>: SIGSEGV <who>, SIGINT <who>, SIGQUIT <who>", who being default, ignored, jvm or ours.
 * It asks the kernel itself (the rt_sigaction system call), not libc's sigaction, which libjsig
 * replaces. */
#define _GNU_SOURCE
#include <jni.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct kernel_sigaction { void (*handler)(int); unsigned long flags; void (*restorer)(void); unsigned long mask; };

static void ours(int signal) { (void)signal; }

static const char *who(int signal) {
    struct kernel_sigaction action;
    if (syscall(SYS_rt_sigaction, signal, NULL, &action, sizeof action.mask) != 0) return "unknown";
    if (action.handler == SIG_DFL) return "default";
    if (action.handler == SIG_IGN) return "ignored";
    return action.handler == ours ? "ours" : "jvm";
}

static void show(const char *when) {
    printf("%s: SIGSEGV %s, SIGINT %s, SIGQUIT %s\n", when, who(SIGSEGV), who(SIGINT), who(SIGQUIT));
    fflush(stdout);
}

int main(int argc, char **argv) {
    JavaVMOption options[argc];
    for (int i = 1; i < argc; i++) options[i - 1] = (JavaVMOption){.optionString = argv[i]};
    JavaVMInitArgs args = {.version = JNI_VERSION_21, .nOptions = argc - 1, .options = options};
    JavaVM *vm;
    JNIEnv *env;
    // A shell that starts a job in the background (`make test &`, nohup) may hand it SIGINT and
    // SIGQUIT ignored, and the JVM leaves an ignored signal alone: start from the defaults.
    // (sigaction, not signal(): libjsig warns about signal().)
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGQUIT, &action, NULL);
    show("before JNI_CreateJavaVM");
    if (JNI_CreateJavaVM(&vm, (void **)&env, &args) != JNI_OK) return 1;
    show("after JNI_CreateJavaVM");
    action.sa_handler = ours;
    sigaction(SIGSEGV, &action, NULL);
    show("after sigaction(SIGSEGV, ours)");
    (*vm)->DestroyJavaVM(vm);
    return 0;
}
