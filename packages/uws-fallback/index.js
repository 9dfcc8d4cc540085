"use strict";
// soketi requires "uWebSockets.js"; the root package.json overrides that dependency with this folder.
const { chooseUws } = require("./choose-uws.cjs");

const legacyBinary = `uws_${process.platform}_${process.arch}_${process.versions.modules}.node`;

module.exports = chooseUws([
  { name: "uws-modern (Node 20-25; on Linux glibc 2.38 or newer)", load: () => require("uws-modern") },
  {
    name: "uws-legacy (Node 16-20)",
    // Its own entry point would quietly swap in a JavaScript imitation that soketi cannot run on
    // (Node 22 and later): load its native binary directly, so that failure is reported instead.
    load: () => require(`uws-legacy/binaries/${legacyBinary}`),
  },
]).module;
