/** The service-groups web module (M2 四级微信群): pages are loaded by the router; nothing else is shared. */
export {};
