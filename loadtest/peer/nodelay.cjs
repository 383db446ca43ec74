// Preloaded with `node --require`: turns Nagle's algorithm off on every TCP
// socket the process opens. The Neo4j driver writes a statement larger than
// one packet in pieces; with Nagle on, the second piece waits for the
// server's delayed acknowledgement (about 40 ms on Linux) and every such
// request takes that long. A tuned deployment of the peer does this.
const net = require("node:net");
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  this.setNoDelay(true);
  return connect.apply(this, args);
};
