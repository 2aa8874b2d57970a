/** What other web modules may use from people (pages are loaded by the router). */
export { PersonSelect } from './components/PersonSelect.tsx';
export { DossierView } from './components/DossierView.tsx';
