/**
 * The default questionnaire and settings of a reverse evaluation (defined in contracts/evaluation.ts so the web
 * form starts from the same values). Everything is [CFG]/[INF] (SPEC M5/M6): staff may change it per evaluation
 * while it is a draft; only the floors of SECURITY.md §2 (k ≥ 5, comments with ≥ 10 respondents) are fixed, by
 * the contract schema.
 */
export {
  DEFAULT_GROUP_WEIGHTS,
  DEFAULT_EVALUATION_SETTINGS as DEFAULT_SETTINGS,
  DEFAULT_EVALUATION_QUESTIONNAIRE as DEFAULT_QUESTIONNAIRE,
} from '../../../contracts/evaluation.ts';
