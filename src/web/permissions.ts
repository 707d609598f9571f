/** What each role may do. Routes name the permission they need; nothing else checks roles. */
import type { Role } from '../data/web-tables.ts';

export const permissions = [
  'plans:read',
  'data:manage',
  'families:read-all',
  'families:read-own',
  'evidence:record',
  'candidates:attach',
  'claims:read',
  'claims:manage',
  'audit:record',
  'dashboard:read',
  'users:manage',
  'access-log:read',
] as const;
export type Permission = (typeof permissions)[number];

const byRole: Readonly<Record<Role, readonly Permission[]>> = {
  administrator: permissions,
  'data-analyst': ['plans:read', 'data:manage', 'families:read-all', 'candidates:attach', 'claims:read', 'claims:manage', 'dashboard:read'],
  'key-worker': ['plans:read', 'families:read-own', 'evidence:record'],
  auditor: ['plans:read', 'families:read-all', 'claims:read', 'audit:record'],
  manager: ['plans:read', 'families:read-all', 'claims:read', 'dashboard:read'],
};

export function can(role: Role, permission: Permission): boolean {
  return byRole[role].includes(permission);
}
