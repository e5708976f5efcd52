#!/usr/bin/env node
// The installed package's `redband` command.
import './main.js'
