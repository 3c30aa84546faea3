#!/usr/bin/env node
import 'reflect-metadata';
import { processIo } from './io';
import { buildProgram } from './program';

buildProgram(processIo)
  .run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
