// A file outside the module folder.
load('/etc/passwd');
