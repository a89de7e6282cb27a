// The network: Node's http module does not exist here, nor does Java's Socket.
require('http');
