// Reflection through an exported object: getClass() is not exported.
calculator.getClass().forName('java.lang.Runtime');
