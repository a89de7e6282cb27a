/* Native threads calling Java: each pthread attaches itself to the running JVM, calls Java, and
 * detaches before it ends.
 *
 *     threads [-J<jvm option>]... */
#include "jvm.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define CALLS_PER_THREAD 1000

struct work {
    JavaVM *vm;
    jclass doubler;             /* a global reference: a local one is valid only in the thread that made it */
    jmethodID double_input;     /* method IDs are valid in every thread */
    jmethodID thread_name;
    char name[16];              /* the name Java will see for this thread */
    int input;
    /* What the thread saw, printed by main after pthread_join (so the output's order does not depend on timing): */
    jint env_before_attach;
    char seen_name[32];
    int calls;                  /* calls to currentThreadName that returned without an exception */
    int doubled;
    jint detached;              /* what DetachCurrentThread returned */
    int status;
};

static void *worker(void *argument) {
    struct work *work = argument;
    JNIEnv *env;
    /* Before attaching, this thread has no JNIEnv: the JVM does not know it. */
    work->env_before_attach = (*work->vm)->GetEnv(work->vm, (void **)&env, JNI_VERSION_21);

    JavaVMAttachArgs attach = {.version = JNI_VERSION_21, .name = work->name, .group = NULL};
    jint attached = (*work->vm)->AttachCurrentThread(work->vm, (void **)&env, &attach);
    if (attached != JNI_OK) {
        fprintf(stderr, "error: AttachCurrentThread returned %d, %s\n", (int)attached, jni_error_name(attached));
        work->status = 1;
        return NULL;
    }

    /* A native thread never returns to Java, so its local references are freed only when it
     * detaches: in a loop, delete each one (or use PushLocalFrame/PopLocalFrame), else they pile up. */
    for (int i = 0; i < CALLS_PER_THREAD && work->status == 0; i++) {
        jstring name = (jstring)(*env)->CallStaticObjectMethod(env, work->doubler, work->thread_name);
        if (report_exception(env, "ctojava.Doubler.currentThreadName() threw")) work->status = 1;
        else if (i == 0 && java_string_utf8(env, name, work->seen_name, sizeof work->seen_name) != 0) {
            report_exception(env, "reading the thread's name failed");
            work->status = 1;
        } else work->calls++;
        if (name != NULL) (*env)->DeleteLocalRef(env, name);
    }
    if (work->status == 0) {
        work->doubled = (*env)->CallStaticIntMethod(env, work->doubler, work->double_input, (jint)work->input);
        if (report_exception(env, "ctojava.Doubler.doubleInput threw")) work->status = 1;
    }

    /* Detach before the thread ends; DestroyJavaVM waits for attached non-daemon threads. */
    work->detached = (*work->vm)->DetachCurrentThread(work->vm);
    return NULL;
}

int main(int argc, char **argv) {
    char *jvm_options[argc];
    int jvm_option_count = 0;
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "-J", 2) == 0) jvm_options[jvm_option_count++] = argv[i] + 2;
        else {
            fprintf(stderr, "error: unknown argument `%s`; usage: threads [-J<jvm option>]...\n", argv[i]);
            return 2;
        }
    }

    printf("Native threads attach to the JVM, call Java, detach\n");
    fflush(stdout); /* the JVM writes to the same file descriptors, unbuffered */
    JavaVM *vm;
    JNIEnv *env;
    if (create_jvm(jvm_option_count, jvm_options, &vm, &env) != JNI_OK) return 1;
    int status = 1;
    jclass shared = NULL;
    jclass doubler = (*env)->FindClass(env, "ctojava/Doubler");
    if (report_exception(env, "class ctojava/Doubler not found (build the classes with `make`,"
                              " or give their folder with -J-Djava.class.path=DIR)")) goto destroy;
    /* Each lookup can throw (NoSuchMethodError): check before the next JNI call, not after both. */
    jmethodID double_input = (*env)->GetStaticMethodID(env, doubler, "doubleInput", "(I)I");
    if (report_exception(env, "no method `static int doubleInput(int)` in ctojava/Doubler")) goto destroy;
    jmethodID thread_name = (*env)->GetStaticMethodID(env, doubler, "currentThreadName", "()Ljava/lang/String;");
    if (report_exception(env, "no method `static String currentThreadName()` in ctojava/Doubler")) goto destroy;
    shared = (jclass)(*env)->NewGlobalRef(env, doubler);
    if (shared == NULL) {
        fprintf(stderr, "error: NewGlobalRef returned NULL (out of memory)\n");
        goto destroy;
    }
    struct work work[2] = {
        {.vm = vm, .doubler = shared, .double_input = double_input, .thread_name = thread_name, .input = 21, .name = "native-1"},
        {.vm = vm, .doubler = shared, .double_input = double_input, .thread_name = thread_name, .input = 50, .name = "native-2"},
    };

    pthread_t threads[2];
    int started = 0;
    while (started < 2 && pthread_create(&threads[started], NULL, worker, &work[started]) == 0) started++;
    status = started == 2 ? 0 : 1;
    if (status != 0) fprintf(stderr, "error: pthread_create failed for thread %d\n", started + 1);
    for (int i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
        status |= work[i].status;
        if (work[i].status != 0) continue;
        printf("  %s: before AttachCurrentThread, GetEnv gave %s\n", work[i].name, jni_error_name(work[i].env_before_attach));
        printf("  %s: attached, Java sees Thread.currentThread().getName() = \"%s\" (%d calls)\n",
               work[i].name, work[i].seen_name, work[i].calls);
        printf("  %s: doubleInput(%d) = %d; DetachCurrentThread: %s\n", work[i].name, work[i].input, work[i].doubled,
               jni_error_name(work[i].detached));
    }

destroy:
    if (shared != NULL) (*env)->DeleteGlobalRef(env, shared);
    if (doubler != NULL) (*env)->DeleteLocalRef(env, doubler);
    (*vm)->DestroyJavaVM(vm);
    return status;
}
