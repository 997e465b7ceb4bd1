#!/usr/bin/env node
// The `diaban` command. TypeScript runs through tsx's loader (no build step); see README "Layout".
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
