export { groupsRoutes } from './groups.routes.ts';
export { groupsDemoSeeder, DEMO_GROUP_MEMBERS } from './groups.demo.ts';
export { memberKeyOf, normaliseWechatId } from './groups.policy.ts';
