#!/usr/bin/env node
/** The `maskport` binary: runs the command (run-cli.ts). */
import "./run-cli.ts";
