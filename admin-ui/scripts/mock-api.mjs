import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { demoConfig } from './demo-config.mjs';

/**
 * Serves the built admin UI and a canned GraphQL API, so screens can be looked at (and screenshot)
 * without PostgreSQL, Temporal or the real API. Only the operations the UI sends are answered.
 */
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
};

// __typename as a real server sends it: Apollo needs it to match fragments.
const admin = {
  __typename: 'User',
  id: 'u1',
  email: 'admin@demo-shop.test',
  displayName: '王敏 Wang Min',
  roles: ['admin'],
  teams: ['after_sales'],
  active: true,
};
const tenant = { __typename: 'Tenant', id: 't1', slug: 'demo-shop', name: '示例商城 Demo Shop' };
let config = structuredClone(demoConfig);

const user = (id, displayName, email, roles, teams, active = true) => ({ __typename: 'User', id, displayName, email, roles, teams, active });
const users = [
  admin,
  user('u2', '李娜 Li Na', 'lina@demo-shop.test', ['handler'], ['after_sales']),
  user('u3', '陈强 Chen Qiang', 'chenqiang@demo-shop.test', ['supervisor'], ['after_sales', 'logistics']),
  user('u4', '赵雷 Zhao Lei', 'zhaolei@demo-shop.test', ['intake_clerk'], ['logistics']),
  user('u5', '孙悦 Sun Yue', 'sunyue@demo-shop.test', ['analyst'], [], false),
];
const teams = demoConfig.teams.map((team, i) => ({ __typename: 'Team', id: `team${i}`, code: team.code, name: team.name, members: [] }));
const apiKeys = [
  {
    __typename: 'ApiKey',
    id: 'k1',
    name: 'Web shop',
    prefix: 'ck_live_7f3a',
    scopes: ['complaint.submit', 'complaint.read'],
    lastUsedAt: '2026-04-15T07:12:00Z',
    revokedAt: null,
    createdAt: '2026-01-10T02:00:00Z',
  },
  {
    __typename: 'ApiKey',
    id: 'k2',
    name: 'Call centre (old)',
    prefix: 'ck_live_19bc',
    scopes: ['complaint.submit'],
    lastUsedAt: null,
    revokedAt: '2026-03-01T02:00:00Z',
    createdAt: '2025-11-02T02:00:00Z',
  },
];
const hour = 3_600_000;
const now = Date.now();
const complaint = (n, subject, severity, stage, dueInHours, assignee, round = 1, channel = 'web') => ({
  __typename: 'Complaint',
  id: `c${n}`,
  number: `C-20260415-00${40 + n}`,
  channel,
  categoryCode: 'functional_defect',
  severity,
  priority: 2,
  stage,
  status: stage === 'archive' ? 'CLOSED' : stage === 'feedback' ? 'WAITING_ON_CUSTOMER' : 'OPEN',
  subject,
  round,
  stageDueAt: new Date(now + dueInHours * hour).toISOString(),
  createdAt: new Date(now - (10 - n) * hour).toISOString(),
  teamCode: 'after_sales',
  assignee: assignee ? { __typename: 'User', id: assignee.id, displayName: assignee.displayName } : null,
});
const complaints = [
  complaint(1, '手机屏幕出现坏点 Dead pixels on new phone', 'urgent', 'investigation', 1.5, users[1]),
  complaint(2, '快递延误五天 Parcel five days late', 'general', 'handling', 20, users[3], 1, 'phone'),
  complaint(3, '充电器起火 Charger caught fire', 'major', 'review', -0.5, users[2], 1, 'app'),
  complaint(4, '退款未到账 Refund not received', 'general', 'feedback', 30, null, 2, 'chat'),
  complaint(5, '客服态度差 Rude service', 'general', 'intake', 0.1, null, 1, 'store'),
];
const detail = {
  ...complaints[0],
  description: '上周购买的手机，开机后屏幕右上角有三个亮点。\nBought last week; three bright dots in the top-right corner after power-on.',
  expectedResolution: '换新机 Replacement',
  contact: null,
  updatedAt: new Date().toISOString(),
  customer: { __typename: 'Customer', id: 'cu1', name: '张三 Zhang San', email: null, phone: '138****5678', tier: 'vip' },
  events: [
    {
      __typename: 'ComplaintEvent',
      id: 'e1',
      kind: 'created',
      actorName: null,
      actorType: 'customer',
      fromValue: null,
      toValue: 'intake',
      note: null,
      createdAt: new Date(now - 9 * hour).toISOString(),
    },
    {
      __typename: 'ComplaintEvent',
      id: 'e2',
      kind: 'assigned',
      actorName: null,
      actorType: 'system',
      fromValue: null,
      toValue: '李娜 Li Na',
      note: 'rule: product_quality → after_sales',
      createdAt: new Date(now - 9 * hour + 60000).toISOString(),
    },
    {
      __typename: 'ComplaintEvent',
      id: 'e3',
      kind: 'stage_changed',
      actorName: '李娜 Li Na',
      actorType: 'user',
      fromValue: 'intake',
      toValue: 'investigation',
      note: null,
      createdAt: new Date(now - 8 * hour).toISOString(),
    },
  ],
  attachments: [
    {
      __typename: 'Attachment',
      id: 'a1',
      fileName: 'screen.jpg',
      contentType: 'image/jpeg',
      sizeBytes: 182344,
      uploadedBy: '张三 Zhang San',
      createdAt: new Date(now - 9 * hour).toISOString(),
    },
  ],
  comments: [
    {
      __typename: 'Comment',
      id: 'm1',
      visibility: 'CUSTOMER',
      body: '您好，我们已收到您的投诉，正在核实。',
      authorName: '李娜 Li Na',
      authorType: 'user',
      createdAt: new Date(now - 8 * hour).toISOString(),
    },
    {
      __typename: 'Comment',
      id: 'm2',
      visibility: 'INTERNAL',
      body: '同批次已有 3 起类似投诉，已联系质检。',
      authorName: '李娜 Li Na',
      authorType: 'user',
      createdAt: new Date(now - 7 * hour).toISOString(),
    },
  ],
};
let version = 12;

function validate(next) {
  const errors = [];
  const major = next.severities?.find((s) => s.code === 'major');
  const investigation = next.sla?.investigation?.major;
  if (major && investigation > major.resolutionMinutes) {
    errors.push({ path: 'sla.investigation.major', message: `Longer than the resolution time of “major” (${major.resolutionMinutes / 60}h)` });
  }
  for (const [stage, row] of Object.entries(next.sla ?? {})) {
    for (const [severity, minutes] of Object.entries(row)) {
      if (minutes > 60 * 24 * 30) errors.push({ path: `sla.${stage}.${severity}`, message: 'At most 30 business days' });
    }
  }
  return errors;
}

function answer(operationName, variables) {
  switch (operationName) {
    case 'Login':
      return { data: { login: { accessToken: 'demo-access', refreshToken: 'demo-refresh', user: admin } } };
    case 'Me':
      return { data: { me: { user: admin, tenant, permissions: ['tenant.configure', 'user.manage', 'apikey.manage', 'complaint.read'] } } };
    case 'TenantConfig':
      return { data: { tenant: { ...tenant, config, configVersion: version } } };
    case 'TenantConfigHistory':
      return {
        data: {
          tenantConfigHistory: Array.from({ length: 5 }, (_, i) => ({
            version: version - i,
            note: ['调整重大投诉时限', 'Add logistics team', '节假日', null, 'Initial setup'][i],
            createdAt: new Date(Date.UTC(2026, 3, 15 - i * 3, 8, 30)).toISOString(),
          })),
        },
      };
    case 'TenantConfigVersion':
      return { data: { tenantConfigVersion: { version: variables.version, config, note: null, createdAt: new Date().toISOString() } } };
    case 'UpdateTenantConfig': {
      const errors = validate(variables.config);
      if (errors.length) {
        return { data: null, errors: [{ message: 'Invalid tenant configuration', extensions: { code: 'BAD_USER_INPUT', errors } }] };
      }
      config = variables.config;
      version += 1;
      return { data: { updateTenantConfig: { version, config, note: variables.note, createdAt: new Date().toISOString() } } };
    }
    case 'Users':
      return { data: { users } };
    case 'Teams':
      return { data: { teams } };
    case 'AssignableUsers':
      return { data: { users, teams } };
    case 'ApiKeys':
      return { data: { apiKeys } };
    case 'CreateApiKey': {
      const apiKey = {
        __typename: 'ApiKey',
        id: `k${apiKeys.length + 1}`,
        name: variables.input.name,
        prefix: 'ck_live_a41d',
        scopes: variables.input.scopes,
        lastUsedAt: null,
        revokedAt: null,
        createdAt: new Date().toISOString(),
      };
      apiKeys.unshift(apiKey);
      return { data: { createApiKey: { apiKey, secret: 'ck_live_a41d_9Qm2Zr7WxVb4TnY8pL3sKe6HdJ0uFgCa' } } };
    }
    case 'Complaints':
      return {
        data: {
          complaints: {
            totalCount: complaints.length,
            pageInfo: { hasNextPage: false, endCursor: null },
            edges: complaints.map((node) => ({ cursor: node.id, node })),
          },
        },
      };
    case 'ComplaintDetail':
      return { data: { complaint: detail } };
    case 'ComplaintLifecycle':
      return {
        data: {
          complaintLifecycle: {
            __typename: 'ComplaintLifecycle',
            stage: detail.stage,
            status: 'OPEN',
            round: 1,
            acknowledged: true,
            allowedActions: ['proposeSolution', 'assign'],
            approvalRequired: null,
            managementReview: false,
            breached: false,
            clockPaused: false,
            stageStartedAt: new Date(now - 8 * hour).toISOString(),
            stageDueAt: detail.stageDueAt,
            autoCloseAt: null,
            followUpAt: null,
            reopenUntil: null,
            waitingOnCustomerSince: null,
          },
        },
      };
    case 'CustomerComplaints':
      return {
        data: {
          complaints: {
            totalCount: 2,
            edges: [detail, complaints[3]].map((node) => ({
              node: { id: node.id, number: node.number, subject: node.subject, stage: node.stage, status: node.status, createdAt: node.createdAt },
            })),
          },
        },
      };
    case 'RoutingPreview':
      return { data: { routingPreview: { ruleId: null, teamCode: null, userEmail: null, strategy: null, explanation: 'The mock API does not route' } } };
    default:
      return { data: null, errors: [{ message: `The mock API does not answer ${operationName}` }] };
  }
}

export function startMockServer({ root, port = 4300 }) {
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/graphql') && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const { operationName, variables } = JSON.parse(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer(operationName, variables ?? {})));
      });
      return;
    }
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, () => resolve(server)));
}
