/* One JVM's life in a C program: threads that end still attached, what DestroyJavaVM waits for,
 * and in which order Java's shutdown hooks and C's atexit handlers run. A process creates one JVM
 * in its life, so each part is its own process:
 *
 *     lifecycle [-J<jvm option>]... leak|destroy|exit|return|twice
 *
 * leak     pthreads that attach and end without DetachCurrentThread, next to ones that detach
 * destroy  DestroyJavaVM with a non-daemon and a daemon thread attached
 * exit     Java calls System.exit
 * return   main returns without DestroyJavaVM
 * twice    create_jvm again, with a JVM running, and after DestroyJavaVM
 * Exit status 0 (exit: 3), 1 with an "error: ..." line on stderr, 2 for a bad argument. */
#include "jvm.h"

#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define THREADS 4

static const char *const USAGE = "usage: lifecycle [-J<jvm option>]... leak|destroy|exit|return|twice";

static JavaVM *vm;
static jclass lifecycle;       /* a global reference to ctojava.Lifecycle, for every thread */
static jmethodID live_threads; /* static int liveThreads(String prefix) */
static jmethodID state_of;     /* static String stateOf(String name) */

/* printf, flushed at once: the JVM writes to the same file descriptor, from its own threads. */
static void say(const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vprintf(format, arguments);
    va_end(arguments);
    putchar('\n');
    fflush(stdout);
}

static void at_exit(void) {
    say("  C atexit handler runs");
}

static void sleep_ms(long ms) {
    struct timespec time = {.tv_sec = ms / 1000, .tv_nsec = ms % 1000 * 1000000L};
    nanosleep(&time, NULL);
}

/* ---- leak: threads that end attached ---------------------------------------------------------- */

struct attacher {
    char name[16];
    int detach;      /* call DetachCurrentThread before the thread ends? */
    jint attached;   /* what AttachCurrentThread returned */
};

static void *attach_and_end(void *argument) {
    struct attacher *attacher = argument;
    JNIEnv *env;
    JavaVMAttachArgs attach = {.version = JNI_VERSION_21, .name = attacher->name, .group = NULL};
    attacher->attached = (*vm)->AttachCurrentThread(vm, (void **)&env, &attach);
    if (attacher->attached != JNI_OK) return NULL;
    jstring prefix = (*env)->NewStringUTF(env, "nobody-");
    if (prefix != NULL) (*env)->CallStaticIntMethod(env, lifecycle, live_threads, prefix); /* a call into Java */
    report_exception(env, "ctojava.Lifecycle.liveThreads threw");
    if (attacher->detach) (*vm)->DetachCurrentThread(vm); /* frees its Java thread and local references */
    return NULL; /* the pthread ends; without DetachCurrentThread nobody tells the JVM */
}

/* Starts THREADS pthreads named prefix1..., each attaching and ending (detached or not), joins them. */
static int attach_threads(const char *prefix, int detach) {
    struct attacher attachers[THREADS];
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++) {
        attachers[i] = (struct attacher){.detach = detach};
        snprintf(attachers[i].name, sizeof attachers[i].name, "%s%d", prefix, i + 1);
        if (pthread_create(&threads[i], NULL, attach_and_end, &attachers[i]) != 0) {
            fprintf(stderr, "error: pthread_create failed\n");
            exit(1);
        }
    }
    int status = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        if (attachers[i].attached != JNI_OK) {
            fprintf(stderr, "error: AttachCurrentThread returned %s\n", jni_error_name(attachers[i].attached));
            status = 1;
        }
    }
    return status;
}

/* Lifecycle.liveThreads(prefix), or -1 with the error printed. */
static int count_live(JNIEnv *env, const char *prefix) {
    jstring text = (*env)->NewStringUTF(env, prefix);
    if (report_exception(env, "NewStringUTF failed")) return -1;
    jint live = (*env)->CallStaticIntMethod(env, lifecycle, live_threads, text);
    (*env)->DeleteLocalRef(env, text);
    return report_exception(env, "ctojava.Lifecycle.liveThreads threw") ? -1 : live;
}

/* Gives up on a JVM that will never finish shutting down: ends the process without atexit handlers. */
static void *watchdog(void *unused) {
    (void)unused;
    sleep_ms(1000);
    say("  after 1 s DestroyJavaVM still had not returned, and never will: the program ends with _exit(0)");
    _exit(0);
}

static int leak(JNIEnv *env) {
    say("Threads that end without DetachCurrentThread (lifecycle leak)");
    if (attach_threads("leaked-", 0) != 0) return 1;
    int leaked = count_live(env, "leaked-");
    if (leaked < 0) return 1;
    say("  %d pthreads attached (AttachCurrentThread), called Java and ended without detaching", THREADS);
    jstring name = (*env)->NewStringUTF(env, "leaked-1");
    if (report_exception(env, "NewStringUTF failed")) return 1;
    jstring state = (jstring)(*env)->CallStaticObjectMethod(env, lifecycle, state_of, name);
    char text[32];
    if (report_exception(env, "ctojava.Lifecycle.stateOf threw") || java_string_utf8(env, state, text, sizeof text) != 0) return 1;
    say("  live Java threads named leaked-*: %d (leaked-1: %s; the JVM never learns that the pthread is gone)", leaked, text);

    if (attach_threads("detached-", 1) != 0) return 1;
    int detached = count_live(env, "detached-");
    if (detached < 0) return 1;
    say("  %d more did the same, then called DetachCurrentThread: live Java threads named detached-*: %d", THREADS, detached);

    /* DestroyJavaVM waits until this thread is the last non-daemon one: the leaked threads never end. */
    pthread_t watching;
    if (pthread_create(&watching, NULL, watchdog, NULL) != 0) return 1;
    say("  main: DestroyJavaVM");
    jint destroyed = (*vm)->DestroyJavaVM(vm);
    say("  not expected: DestroyJavaVM returned %s", jni_error_name(destroyed));
    return 1;
}

/* ---- destroy: whom DestroyJavaVM waits for ----------------------------------------------------- */

static sem_t attached;          /* posted by each thread once it is attached */
static sem_t destroying;        /* posted by main just before it calls DestroyJavaVM */
static sem_t never;             /* never posted: the daemon thread waits on it until the process ends */

static void *non_daemon_thread(void *unused) {
    (void)unused;
    JNIEnv *env;
    JavaVMAttachArgs attach = {.version = JNI_VERSION_21, .name = "worker", .group = NULL};
    if ((*vm)->AttachCurrentThread(vm, (void **)&env, &attach) != JNI_OK) exit(1);
    sem_post(&attached);
    sem_wait(&destroying);
    sleep_ms(300); /* main is inside DestroyJavaVM by now */
    say("  worker (AttachCurrentThread): DetachCurrentThread, 0.3 s after main called DestroyJavaVM");
    (*vm)->DetachCurrentThread(vm);
    return NULL;
}

static void *daemon_thread(void *unused) {
    (void)unused;
    JNIEnv *env;
    JavaVMAttachArgs attach = {.version = JNI_VERSION_21, .name = "daemon-worker", .group = NULL};
    if ((*vm)->AttachCurrentThreadAsDaemon(vm, (void **)&env, &attach) != JNI_OK) exit(1);
    sem_post(&attached);
    sem_wait(&never); /* still attached, in C, when the JVM goes away: it must not call Java again */
    return NULL;
}

static int destroy(void) {
    say("DestroyJavaVM with a non-daemon and a daemon thread attached (lifecycle destroy)");
    pthread_t worker, daemon;
    sem_init(&attached, 0, 0);
    sem_init(&destroying, 0, 0);
    sem_init(&never, 0, 0);
    if (pthread_create(&worker, NULL, non_daemon_thread, NULL) != 0 || pthread_create(&daemon, NULL, daemon_thread, NULL) != 0) {
        fprintf(stderr, "error: pthread_create failed\n");
        return 1;
    }
    sem_wait(&attached);
    sem_wait(&attached);
    say("  main: DestroyJavaVM");
    sem_post(&destroying);
    jint destroyed = (*vm)->DestroyJavaVM(vm);
    say("  main: DestroyJavaVM returned %s: it waited for worker, not for daemon-worker (still attached)",
        jni_error_name(destroyed));
    pthread_join(worker, NULL);
    say("  main returns");
    return destroyed == JNI_OK ? 0 : 1;
}

/* ---- exit, return: who runs at the end ----------------------------------------------------------- */

static int exit_from_java(JNIEnv *env) {
    say("Java calls System.exit(3) (lifecycle exit)");
    jclass system = (*env)->FindClass(env, "java/lang/System");
    if (report_exception(env, "class java/lang/System not found")) return 1;
    jmethodID exit_method = (*env)->GetStaticMethodID(env, system, "exit", "(I)V");
    if (report_exception(env, "no method System.exit(int)")) return 1;
    say("  main: calls System.exit(3) through JNI");
    (*env)->CallStaticVoidMethod(env, system, exit_method, (jint)3);
    report_exception(env, "System.exit threw");
    say("  not expected: System.exit returned to C");
    return 1;
}

int main(int argc, char **argv) {
    char *jvm_options[argc];
    int jvm_option_count = 0;
    const char *part = NULL;
    int parts = 0;
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "-J", 2) == 0) jvm_options[jvm_option_count++] = argv[i] + 2;
        else part = argv[i], parts++;
    }
    const char *known[] = {"leak", "destroy", "exit", "return", "twice"};
    int found = 0;
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) found |= part != NULL && strcmp(part, known[k]) == 0;
    if (parts != 1 || !found) {
        fprintf(stderr, "error: %s\n", USAGE);
        return 2;
    }
    if (strcmp(part, "twice") == 0) say("One JVM per process: create_jvm again (lifecycle twice; stderr too)");
    JNIEnv *env;
    if (create_jvm(jvm_option_count, jvm_options, &vm, &env) != JNI_OK) return 1;
    if (strcmp(part, "twice") == 0) {
        JavaVM *other;
        JNIEnv *other_env;
        say("  create_jvm with a JVM running: %s", jni_error_name(create_jvm(jvm_option_count, jvm_options, &other, &other_env)));
        say("  DestroyJavaVM: %s", jni_error_name((*vm)->DestroyJavaVM(vm)));
        say("  create_jvm after DestroyJavaVM: %s", jni_error_name(create_jvm(jvm_option_count, jvm_options, &other, &other_env)));
        return 0;
    }

    jclass local = (*env)->FindClass(env, "ctojava/Lifecycle");
    if (report_exception(env, "class ctojava/Lifecycle not found (build the classes with `make`,"
                              " or give their folder with -J-Djava.class.path=DIR)")) return 1;
    live_threads = (*env)->GetStaticMethodID(env, local, "liveThreads", "(Ljava/lang/String;)I");
    if (report_exception(env, "no method `static int liveThreads(String)` in ctojava/Lifecycle")) return 1;
    state_of = (*env)->GetStaticMethodID(env, local, "stateOf", "(Ljava/lang/String;)Ljava/lang/String;");
    if (report_exception(env, "no method `static String stateOf(String)` in ctojava/Lifecycle")) return 1;
    jmethodID print_at_shutdown = (*env)->GetStaticMethodID(env, local, "printAtShutdown", "(Ljava/lang/String;)V");
    if (report_exception(env, "no method `static void printAtShutdown(String)` in ctojava/Lifecycle")) return 1;
    lifecycle = (jclass)(*env)->NewGlobalRef(env, local);
    (*env)->DeleteLocalRef(env, local);
    if (lifecycle == NULL) return 1;
    if (strcmp(part, "leak") == 0) return leak(env);

    /* The two ways to say "at the end": a Java shutdown hook and a C atexit handler. */
    jstring line = (*env)->NewStringUTF(env, "  Java shutdown hook runs");
    if (report_exception(env, "NewStringUTF failed")) return 1;
    (*env)->CallStaticVoidMethod(env, lifecycle, print_at_shutdown, line);
    if (report_exception(env, "ctojava.Lifecycle.printAtShutdown threw")) return 1;
    (*env)->DeleteLocalRef(env, line);
    atexit(at_exit);
    if (strcmp(part, "exit") == 0) return exit_from_java(env);
    if (strcmp(part, "destroy") == 0) return destroy();
    say("main returns without DestroyJavaVM: no Java shutdown hook runs (lifecycle return)");
    return 0;
}
