/** What other web modules may use from integrity (pages are loaded by the router). */
export { getConclusion } from './integrity.api.ts';
