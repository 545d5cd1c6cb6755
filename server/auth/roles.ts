// Who the signed-in staff member is, and the one permission check services call.
import type { TRole } from '../contract/staff.ts';
import { ForbiddenError } from '../errors.ts';

export interface StaffUser {
  id: string;
  username: string;
  roles: TRole[];
  /** For `fieldwork`: the districts they may work in; empty = all. */
  districts: string[];
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the session middleware when a valid session cookie came with the request. */
    staff?: StaffUser;
  }
}

/** Throws 403 `auth.forbidden` unless the staff member has one of the roles; `admin` passes every check. */
export function assertRole(staff: StaffUser, ...allowed: TRole[]): void {
  if (staff.roles.includes('admin')) return;
  if (allowed.some((role) => staff.roles.includes(role))) return;
  throw new ForbiddenError('auth.forbidden', 'Bạn không có quyền thực hiện thao tác này.');
}
