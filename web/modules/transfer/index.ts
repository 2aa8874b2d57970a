/** What other web modules may use from transfer (the import page is loaded by the router). */
export { ExportPeopleButton } from './components/ExportPeopleButton.tsx';
