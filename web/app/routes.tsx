import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import type { Permission } from '../../contracts/permissions.ts';
import { PageLoading } from '../ui/PageLoading.tsx';
import { AppLayout } from './AppLayout.tsx';
import { RequirePermission } from './RequirePermission.tsx';

// one chunk per page: the login route loads only what it needs
const LoginPage = lazy(() => import('../modules/auth/pages/LoginPage.tsx'));
const HomePage = lazy(() => import('../modules/home/pages/HomePage.tsx'));
const OrgPage = lazy(() => import('../modules/org/pages/OrgPage.tsx'));
const PeopleListPage = lazy(() => import('../modules/people/pages/PeopleListPage.tsx'));
const DossierPage = lazy(() => import('../modules/people/pages/DossierPage.tsx'));
const SelfDossierPage = lazy(() => import('../modules/people/pages/SelfDossierPage.tsx'));
const ImportPage = lazy(() => import('../modules/transfer/pages/ImportPage.tsx'));
const UsersPage = lazy(() => import('../modules/users/pages/UsersPage.tsx'));
const AccountPage = lazy(() => import('../modules/account/pages/AccountPage.tsx'));
const AuditPage = lazy(() => import('../modules/audit/pages/AuditPage.tsx'));
const ArchivePage = lazy(() => import('../modules/archive/pages/ArchivePage.tsx'));
const ArchiveDossierPage = lazy(() => import('../modules/archive/pages/ArchiveDossierPage.tsx'));
const IntegrityPage = lazy(() => import('../modules/integrity/pages/IntegrityPage.tsx'));
const IntegrityConclusionPage = lazy(() => import('../modules/integrity/pages/ConclusionPage.tsx'));
const IntegrityReviewPage = lazy(() => import('../modules/integrity/pages/ReviewPage.tsx'));
const IntegrityPetitionPage = lazy(() => import('../modules/integrity/pages/PetitionPage.tsx'));
const GroupsPage = lazy(() => import('../modules/groups/pages/GroupsPage.tsx'));
const GroupPage = lazy(() => import('../modules/groups/pages/GroupPage.tsx'));
const PovertyPage = lazy(() => import('../modules/poverty/pages/PovertyPage.tsx'));
const PovertyTeamPage = lazy(() => import('../modules/poverty/pages/TeamPage.tsx'));
const PovertyHouseholdPage = lazy(() => import('../modules/poverty/pages/HouseholdPage.tsx'));
const O2oPage = lazy(() => import('../modules/o2o/pages/O2oPage.tsx'));
const O2oMatterPage = lazy(() => import('../modules/o2o/pages/MatterPage.tsx'));
const O2oDashboardPage = lazy(() => import('../modules/o2o/pages/DashboardPage.tsx'));
const O2oSettingsPage = lazy(() => import('../modules/o2o/pages/SettingsPage.tsx'));
const O2oOpen311KeysPage = lazy(() => import('../modules/o2o/pages/Open311KeysPage.tsx'));
const O2oRoutedPage = lazy(() => import('../modules/o2o/pages/RoutedPage.tsx'));
const CampaignsPage = lazy(() => import('../modules/analysis/pages/CampaignsPage.tsx'));
const CampaignPage = lazy(() => import('../modules/analysis/pages/CampaignPage.tsx'));
const EvidencePage = lazy(() => import('../modules/analysis/pages/EvidencePage.tsx'));
const CadreProfilePage = lazy(() => import('../modules/analysis/pages/CadreProfilePage.tsx'));
const EvaluationsPage = lazy(() => import('../modules/evaluation/pages/EvaluationsPage.tsx'));
const EvaluationPage = lazy(() => import('../modules/evaluation/pages/EvaluationPage.tsx'));
const EvaluationTokensPage = lazy(() => import('../modules/evaluation/pages/TokensPage.tsx'));
const EvaluationResultsPage = lazy(() => import('../modules/evaluation/pages/ResultsPage.tsx'));
const JudgmentsPage = lazy(() => import('../modules/judgment/pages/JudgmentsPage.tsx'));
const JudgmentPage = lazy(() => import('../modules/judgment/pages/JudgmentPage.tsx'));
const JudgmentTeamPage = lazy(() => import('../modules/judgment/pages/TeamPage.tsx'));
const JudgmentOutcomePage = lazy(() => import('../modules/judgment/pages/OutcomePage.tsx'));
const NotFoundPage = lazy(() => import('./NotFoundPage.tsx'));

function page(node: ReactNode, permission?: Permission) {
  const body = <Suspense fallback={<PageLoading />}>{node}</Suspense>;
  return permission ? <RequirePermission permission={permission}>{body}</RequirePermission> : body;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={page(<LoginPage />)} />
      <Route element={<AppLayout />}>
        <Route index element={page(<HomePage />)} />
        <Route path="org" element={page(<OrgPage />, 'org.read')} />
        <Route path="people" element={page(<PeopleListPage />, 'people.read')} />
        <Route path="people/:id" element={page(<DossierPage />, 'people.read')} />
        <Route path="imports" element={page(<ImportPage />, 'people.write')} />
        <Route path="me/dossier" element={page(<SelfDossierPage />, 'self.read')} />
        <Route path="admin/users" element={page(<UsersPage />, 'users.manage')} />
        <Route path="account" element={page(<AccountPage />)} />
        <Route path="audit" element={page(<AuditPage />, 'audit.read')} />
        <Route path="archive" element={page(<ArchivePage />, 'archive.request')} />
        <Route path="archive/requests/:id/dossier" element={page(<ArchiveDossierPage />, 'archive.request')} />
        <Route path="evaluations" element={page(<EvaluationsPage />, 'evaluation.results')} />
        <Route path="evaluations/:id" element={page(<EvaluationPage />, 'evaluation.results')} />
        <Route path="evaluations/:id/tokens" element={page(<EvaluationTokensPage />, 'evaluation.manage')} />
        <Route path="evaluations/:id/results" element={page(<EvaluationResultsPage />, 'evaluation.results')} />
        <Route path="integrity" element={page(<IntegrityPage />, 'integrity.read')} />
        <Route path="integrity/conclusions/:id" element={page(<IntegrityConclusionPage />, 'integrity.read')} />
        <Route path="integrity/reviews/:id" element={page(<IntegrityReviewPage />, 'integrity.review')} />
        <Route path="integrity/petitions/:id" element={page(<IntegrityPetitionPage />, 'petition.write')} />
        <Route path="groups" element={page(<GroupsPage />, 'o2o.read')} />
        <Route path="groups/:id" element={page(<GroupPage />, 'o2o.read')} />
        <Route path="poverty" element={page(<PovertyPage />, 'poverty.read')} />
        <Route path="poverty/teams/:id" element={page(<PovertyTeamPage />, 'poverty.read')} />
        <Route path="poverty/households/:id" element={page(<PovertyHouseholdPage />, 'poverty.read')} />
        <Route path="o2o" element={page(<O2oPage />, 'o2o.read')} />
        <Route path="o2o/matters/:id" element={page(<O2oMatterPage />, 'o2o.read')} />
        <Route path="o2o/dashboard" element={page(<O2oDashboardPage />, 'o2o.read')} />
        {/* o2o.read or calendar.manage (SYS_ADMIN): the page and the API decide who may edit */}
        <Route path="o2o/settings" element={page(<O2oSettingsPage />)} />
        <Route path="o2o/open311" element={page(<O2oOpen311KeysPage />, 'open311.keys')} />
        <Route path="o2o/routed" element={page(<O2oRoutedPage />, 'petition.write')} />
        <Route path="analysis/campaigns" element={page(<CampaignsPage />, 'campaign.read')} />
        <Route path="analysis/campaigns/:id" element={page(<CampaignPage />, 'campaign.read')} />
        <Route path="analysis/evidence" element={page(<EvidencePage />, 'evidence.read')} />
        <Route path="analysis/cadres/:id" element={page(<CadreProfilePage />, 'evidence.read')} />
        <Route path="judgments" element={page(<JudgmentsPage />, 'judgment.read')} />
        <Route path="judgments/teams" element={page(<JudgmentTeamPage />, 'judgment.read')} />
        <Route path="judgments/outcome" element={page(<JudgmentOutcomePage />, 'judgment.read')} />
        <Route path="judgments/:id" element={page(<JudgmentPage />, 'judgment.read')} />
        <Route path="*" element={page(<NotFoundPage />)} />
      </Route>
    </Routes>
  );
}
