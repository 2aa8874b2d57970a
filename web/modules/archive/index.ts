/** What other web modules may use from archive (pages are loaded by the router). */
export { RequestArchiveButton } from './components/RequestArchiveButton.tsx';
