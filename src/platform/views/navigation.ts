import type { Role } from '../../db/schema.ts';
import type { SessionUser } from '../auth/sessionStore.ts';

export interface NavigationItem {
  href: string;
  text: string;
  active: boolean;
}

const sections: { href: string; text: string; roles: Role[] }[] = [
  { href: '/practice', text: 'Practice', roles: ['practitioner', 'volunteer', 'team_lead'] },
  { href: '/partnership', text: 'Partnership', roles: ['partnership_lead'] },
  { href: '/admin', text: 'Admin', roles: ['org_admin', 'system_admin'] },
];

/** The service navigation a user sees: one section for each kind of work their roles allow. */
export function navigationFor(user: SessionUser | undefined, currentPath: string): NavigationItem[] {
  if (!user) return [];
  return sections
    .filter((section) => section.roles.some((role) => user.roles.includes(role)))
    .map((section) => ({
      href: section.href,
      text: section.text,
      active: currentPath === section.href || currentPath.startsWith(`${section.href}/`),
    }));
}

export function canUse(
  user: SessionUser | undefined,
  section: 'practice' | 'partnership' | 'admin',
): boolean {
  return navigationFor(user, '').some((item) => item.href === `/${section}`);
}
