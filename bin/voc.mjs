#!/usr/bin/env node
// voc's command line. Sources are TypeScript run through tsx's loader: no build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/voc.ts');
