#!/usr/bin/env node
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const io_1 = require("./io");
const program_1 = require("./program");
(0, program_1.buildProgram)(io_1.processIo)
    .run(process.argv.slice(2))
    .then((code) => {
    process.exitCode = code;
});
//# sourceMappingURL=main.js.map