import {
  BuiltInRoleKey,
  DataScope,
  PERMISSION_ACTIONS,
  PERMISSION_MODULES,
  PermissionAction,
  PermissionGrant,
  PermissionModule,
  SpecialPermission,
} from '@keyuan/shared';

const ALL = [...PERMISSION_ACTIONS];
const RW: PermissionAction[] = ['read', 'create', 'update'];
const g = (modules: PermissionModule[], actions: PermissionAction[], scope: DataScope): PermissionGrant[] =>
  modules.map((module) => ({ module, actions, scope }));

export interface BuiltInRole {
  key: BuiltInRoleKey;
  name: string;
  description: string;
  permissions: PermissionGrant[];
  specialPermissions: SpecialPermission[];
}

/** The roles every installation starts with; created (or completed) on start, never deleted. */
export const BUILT_IN_ROLES: BuiltInRole[] = [
  {
    key: 'admin',
    name: '系统管理员 Administrator',
    description: 'Everything, on all records.',
    permissions: g([...PERMISSION_MODULES], ALL, 'all'),
    specialPermissions: ['viewSensitive', 'viewOwnSensitive', 'restore'],
  },
  {
    key: 'sales_manager',
    name: '销售经理 Sales manager',
    description: 'Runs a sales team: all customer and sales records of the department and below.',
    permissions: [
      ...g(['leads', 'accounts', 'contacts', 'activities', 'tasks', 'opportunities', 'quotes', 'contracts'], ALL, 'department'),
      ...g(['pools', 'imports'], RW, 'department'),
      ...g(['products'], ALL, 'all'),
      ...g(['knowledge', 'campaigns'], ['read'], 'all'),
      ...g(['payments', 'users'], ['read'], 'department'),
      // the team's figures; sales targets and adjusted forecasts for the team
      ...g(['analytics'], ['read', 'create', 'update', 'delete', 'export'], 'department'),
      ...g(['departments'], ['read'], 'all'),
      // texts to the team's customers and their replies (templates and broadcasts stay with marketing)
      ...g(['sms', 'email'], ['read', 'create'], 'department'),
      // delivery projects of the team's customers and contracts
      ...g(['projects'], ALL, 'department'),
      // the network drive: their own files plus what is shared with them; the team's files too
      ...g(['documents'], ['read', 'create', 'update', 'delete'], 'department'),
    ],
    specialPermissions: ['viewSensitive', 'viewOwnSensitive'],
  },
  {
    key: 'sales_rep',
    name: '销售代表 Sales rep',
    description: 'Works their own leads, customers and deals.',
    permissions: [
      ...g(['leads', 'accounts', 'contacts', 'activities', 'tasks', 'opportunities', 'quotes', 'contracts'], RW, 'own'),
      ...g(['pools'], ['read'], 'department'),
      ...g(['products', 'knowledge', 'campaigns'], ['read'], 'all'),
      // the finance (plan, payments, invoices, receivables) of their own contracts
      ...g(['payments'], ['read'], 'own'),
      // their own figures (funnel, forecast, attainment)
      ...g(['analytics'], ['read'], 'own'),
      ...g(['users'], ['read'], 'own'),
      // texts to their own contacts and the replies
      ...g(['sms', 'email'], ['read', 'create'], 'own'),
      // their own projects and those they are a member of
      ...g(['projects'], RW, 'own'),
      ...g(['documents'], ['read', 'create', 'update', 'delete'], 'own'),
    ],
    specialPermissions: ['viewOwnSensitive'],
  },
  {
    key: 'service_agent',
    name: '客服专员 Service agent',
    description: 'Handles tickets and maintains the knowledge base.',
    permissions: [
      ...g(['tickets', 'activities', 'tasks'], RW, 'own'),
      ...g(['accounts', 'contacts'], ['read'], 'all'),
      // answers customers by email from their tickets' contacts
      ...g(['email'], ['read', 'create'], 'own'),
      ...g(['knowledge'], ['read', 'create', 'update', 'delete'], 'all'),
      ...g(['users'], ['read'], 'own'),
      ...g(['documents'], ['read', 'create', 'update', 'delete'], 'own'),
    ],
    specialPermissions: [],
  },
  {
    key: 'service_manager',
    name: '客服主管 Service manager',
    description: 'Leads service teams: all tickets, return visits and warranty records of the department and below; teams and SLA policies.',
    permissions: [
      ...g(['tickets'], ALL, 'department'),
      ...g(['activities', 'tasks'], RW, 'department'),
      ...g(['accounts', 'contacts', 'products', 'contracts'], ['read'], 'all'),
      ...g(['knowledge'], ['read', 'create', 'update', 'delete'], 'all'),
      ...g(['users'], ['read'], 'department'),
      ...g(['departments'], ['read'], 'all'),
      ...g(['documents'], ['read', 'create', 'update', 'delete'], 'department'),
    ],
    specialPermissions: [],
  },
  {
    key: 'finance',
    name: '财务 Finance',
    description: 'Contracts, payments, invoices and exchange rates across the company.',
    permissions: [
      ...g(['payments', 'currencies'], ALL, 'all'),
      ...g(['contracts', 'accounts', 'quotes'], ['read', 'export'], 'all'),
      ...g(['analytics'], ['read', 'export'], 'all'),
      ...g(['users'], ['read'], 'own'),
      ...g(['documents'], ['read', 'create', 'update', 'delete'], 'own'),
    ],
    specialPermissions: [],
  },
  {
    key: 'marketing',
    name: '市场 Marketing',
    description: 'Campaigns, SMS and lead generation.',
    permissions: [
      ...g(['campaigns', 'sms', 'email'], ALL, 'all'),
      ...g(['leads'], ['read', 'create', 'update', 'export'], 'all'),
      ...g(['contacts', 'accounts'], ['read'], 'all'),
      ...g(['analytics'], ['read'], 'all'),
      ...g(['imports'], RW, 'all'),
      ...g(['users'], ['read'], 'own'),
      ...g(['documents'], ['read', 'create', 'update', 'delete'], 'own'),
    ],
    specialPermissions: [],
  },
];
