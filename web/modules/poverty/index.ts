/** The M3 web module: pages are loaded by the router; nothing else is shared yet. */
export {};
