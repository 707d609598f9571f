/** The service navigation: the sections a person's role lets them use, the current one marked. */
import type { SessionUser } from '../data/repositories/web-sessions.ts';
import { can, type Permission } from './permissions.ts';

interface Section {
  readonly href: string;
  readonly text: string;
  readonly permission: Permission | readonly Permission[];
}

const sections: readonly Section[] = [
  { href: '/dashboard', text: 'Dashboard', permission: 'dashboard:read' },
  { href: '/families', text: 'Families', permission: ['families:read-all', 'families:read-own'] },
  { href: '/candidates', text: 'Candidates', permission: 'candidates:attach' },
  { href: '/claims', text: 'Claims', permission: 'claims:read' },
  { href: '/data', text: 'Data', permission: 'data:manage' },
  { href: '/plans', text: 'Plans', permission: 'plans:read' },
  { href: '/users', text: 'Users', permission: 'users:manage' },
];

export function navigationFor(user: SessionUser | null, url: string): Array<{ href: string; text: string; active: boolean }> {
  if (!user) return [];
  const path = url.split('?')[0] ?? '/';
  return sections
    .filter((s) => (typeof s.permission === 'string' ? [s.permission] : s.permission).some((p) => can(user.role, p)))
    .map((s) => ({ href: s.href, text: s.text, active: path === s.href || path.startsWith(`${s.href}/`) }));
}
