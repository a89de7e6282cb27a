// The environment: there is no process object, so no process.env.
process.env.HOME;
