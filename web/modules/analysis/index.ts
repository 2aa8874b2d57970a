/** What other web modules may use from analysis (pages are loaded by the router). */
export { CadreProfileButton } from './components/CadreProfileButton.tsx';
