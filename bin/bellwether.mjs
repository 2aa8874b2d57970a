#!/usr/bin/env node
// `npx bellwether <command>`: runs server/cli.ts through tsx's loader, so no separate build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
