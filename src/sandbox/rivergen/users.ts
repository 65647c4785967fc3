/** Who may call the simulator: demo users, their tokens and their organisations. */

export interface Organization {
  id: number;
  name: string;
  /** Used for the hosts, buckets and e-mail addresses of its seeded data sources. */
  domain: string;
  workspaces: readonly { id: number; name: string }[];
  /** Users who create and change its seeded data sources (demo users and colleagues without a token). */
  memberIds: readonly number[];
}

export interface RiverGenUser {
  id: number;
  name: string;
  email: string;
  /** Null for a user who belongs to no organisation (every call is then a 403). */
  organizationId: number | null;
  token: string;
}

/** Access tokens the simulator accepts; they open nothing but the simulator. */
export const riverGenDemoTokens = {
  /** Ada, organisation 1: the user the gateway calls as in demo mode. */
  demo: 'rg_demo_org1_ada_2f6b1c9e4d7a',
  /** Grace, also organisation 1. */
  colleague: 'rg_demo_org1_grace_8c3e5a0f1b92',
  /** Katherine, organisation 2. */
  otherOrganization: 'rg_demo_org2_katherine_5d4a7e2c9f10',
  /** Linus, in no organisation. */
  noOrganization: 'rg_demo_noorg_linus_0b9d3f6a2e85',
} as const;

export const riverGenOrganizations: readonly Organization[] = [
  {
    id: 1,
    name: 'Northwind Analytics',
    domain: 'northwind-analytics.com',
    workspaces: [
      { id: 1, name: 'Finance' },
      { id: 2, name: 'Marketing' },
      { id: 3, name: 'Platform' },
    ],
    memberIds: [1, 2, 5, 6],
  },
  {
    id: 2,
    name: 'Bluefin Health',
    domain: 'bluefin-health.org',
    workspaces: [
      { id: 4, name: 'Clinical' },
      { id: 5, name: 'Research' },
    ],
    memberIds: [3, 7, 8],
  },
];

export const riverGenDemoUsers: readonly RiverGenUser[] = [
  {
    id: 1,
    name: 'Ada Okafor',
    email: 'ada.okafor@northwind-analytics.com',
    organizationId: 1,
    token: riverGenDemoTokens.demo,
  },
  {
    id: 2,
    name: 'Grace Lindqvist',
    email: 'grace.lindqvist@northwind-analytics.com',
    organizationId: 1,
    token: riverGenDemoTokens.colleague,
  },
  {
    id: 3,
    name: 'Katherine Moreau',
    email: 'katherine.moreau@bluefin-health.org',
    organizationId: 2,
    token: riverGenDemoTokens.otherOrganization,
  },
  {
    id: 4,
    name: 'Linus Haddad',
    email: 'linus.haddad@example.net',
    organizationId: null,
    token: riverGenDemoTokens.noOrganization,
  },
];

export function userByToken(token: string): RiverGenUser | undefined {
  return riverGenDemoUsers.find((user) => user.token === token);
}
