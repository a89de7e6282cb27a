// A thread: java.lang.Thread cannot be looked up, and there is no Worker.
new (Java.type('java.lang.Thread'))(() => {}).start();
