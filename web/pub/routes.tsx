/**
 * Routes of the public pages (no login): anonymous raters (`/r/…`, M6) and citizens (`/c/…`, M2). They are a
 * separate entry (web/pub.html → web/pub/main.tsx) so the public process (BELLWETHER_SURFACE=public) serves a
 * small bundle with none of the internal application, and so these pages work in WeChat's in-app browser on a
 * phone. Each module adds its pages here (lazy) and nothing else; page files live in web/modules/<module>/public/.
 * Keep URLs free of personal data (SECURITY.md): tokens and tracking codes only.
 */
import { lazy, type ReactElement } from 'react';

const EvaluationRaterPage = lazy(() => import('../modules/evaluation/public/RaterPage.tsx'));
const CitizenSubmitPage = lazy(() => import('../modules/o2o/public/SubmitMatterPage.tsx'));
const CitizenTrackPage = lazy(() => import('../modules/o2o/public/TrackMatterPage.tsx'));

export type PublicRoute = { path: string; element: ReactElement };

export const PUBLIC_ROUTES: PublicRoute[] = [
  { path: '/r/:token', element: <EvaluationRaterPage /> }, // M6 anonymous rater (token only in the path)
  { path: '/c/new', element: <CitizenSubmitPage /> }, // M2 citizen raises a matter (no login)
  { path: '/c/track', element: <CitizenTrackPage /> }, // M2 follow by code + check code (typed, never in the URL)
];

/** URL prefixes the server answers with pub.html (server/app.ts). */
export const PUBLIC_PAGE_PREFIXES = ['/r/', '/c/'] as const;
