/** URL prefixes answered with web/pub.html (keep in step with web/pub/routes.tsx PUBLIC_PAGE_PREFIXES). */
export const PUBLIC_PAGE_PREFIXES = ['/r/', '/c/'] as const;
