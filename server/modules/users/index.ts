export { userRoutes } from './users.routes.ts';
export { createUser, countAdministrators } from './users.service.ts';
