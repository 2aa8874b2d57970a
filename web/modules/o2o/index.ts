/** The M2 web module: pages are loaded by the router (web/app/routes.tsx); the citizen pages by web/pub/routes.tsx. */
export {};
