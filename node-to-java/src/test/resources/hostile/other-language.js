// Another language: polyglot access is off.
Polyglot.eval('python', 'print(1)');
