// Prints without end: stopped once its output passes the limit.
for (let i = 0; ; i++) console.log(i + ' ' + 'all work and no play makes Jack a dull boy '.repeat(20));
