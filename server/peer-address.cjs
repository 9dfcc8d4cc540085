"use strict";
/**
 * Preloaded into every server process (`node --require ./server/peer-address.cjs …`: `npm start`,
 * `npm run dev`, the standalone server in the Docker image and in the e2e tests). Next gives route
 * handlers and server actions no socket address, and `next start` passes on an X-Forwarded-For the
 * client wrote. So, before Next sees a request, this puts the address of the socket it came on in
 * `x-cohort-peer-address`, deleting any copy the client sent; `lib/auth/client-address.ts` reads it
 * (and X-Forwarded-For only when that peer is a trusted proxy). Plain CommonJS: it runs before
 * anything is compiled, and the standalone server ships it as it is.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a preload runs before any module loader but CommonJS
const http = require("node:http");

const HEADER = "x-cohort-peer-address";
const STAMPED = Symbol.for("cohort.peerAddressStamped");

/** An IPv4 client on a dual-stack socket reads `::ffff:203.0.113.9`; the plain form is what people configure and read. */
const plain = (address) => (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(address) ? address.slice(7) : address);

function stamp(request) {
  const raw = request.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i].toLowerCase() === HEADER) raw.splice(i, 2);
  delete request.headers[HEADER];
  const peer = request.socket && request.socket.remoteAddress;
  if (!peer) return;
  request.headers[HEADER] = plain(peer);
  raw.push(HEADER, plain(peer));
}

if (!http.Server.prototype[STAMPED]) {
  http.Server.prototype[STAMPED] = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitStamped(event, request, ...rest) {
    if ((event === "request" || event === "checkContinue" || event === "checkExpectation") && request) stamp(request);
    return emit.call(this, event, request, ...rest);
  };
}
