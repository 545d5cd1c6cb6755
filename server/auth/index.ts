// What other modules use from auth: the session middleware, the signed-in gate, the role check.
export { attachStaff, requireStaff, csrfGuard } from './middleware.ts';
export { assertRole, type StaffUser } from './roles.ts';
