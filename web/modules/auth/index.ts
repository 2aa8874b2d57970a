export { MeContext, ME_QUERY_KEY, useMe, useMeQuery, useCan, hasPermission } from './hooks/useMe.ts';
export { useLocaleSwitch } from './hooks/useLocaleSwitch.ts';
export { LocaleSwitch } from './components/LocaleSwitch.tsx';
export { changePassword, logout, reauth, saveLocale } from './auth.api.ts';
