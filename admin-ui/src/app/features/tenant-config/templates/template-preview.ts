/** Sample values shown in the preview; the worker fills the real ones when it sends. */
export const SAMPLE_VALUES: Record<string, Record<string, string>> = {
  'zh-CN': {
    number: 'C-20260415-0042',
    customerName: '张三',
    dueAt: '今天 18:00',
    stage: '调查核实',
    severity: '紧急',
    category: '产品质量 / 功能缺陷',
    assigneeName: '李娜',
    teamName: '售后一组',
    solution: '为您更换新机并补偿 50 元优惠券',
    round: '2',
    portalUrl: 'https://portal.example.com/c/C-20260415-0042',
    surveyUrl: 'https://portal.example.com/s/C-20260415-0042',
    tenantName: '示例商城',
  },
  en: {
    number: 'C-20260415-0042',
    customerName: 'Zhang San',
    dueAt: 'today 18:00',
    stage: 'Investigation',
    severity: 'Urgent',
    category: 'Product quality / Functional defect',
    assigneeName: 'Li Na',
    teamName: 'After-sales team 1',
    solution: 'A replacement device and a 50 CNY voucher',
    round: '2',
    portalUrl: 'https://portal.example.com/c/C-20260415-0042',
    surveyUrl: 'https://portal.example.com/s/C-20260415-0042',
    tenantName: 'Demo Shop',
  },
};

/** Same placeholder syntax as the platform's renderer: `{{number}}`, inner spaces tolerated. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Fill `{{name}}` with sample values, leaving unknown names visible and reporting them. */
export function renderPreview(text: string, values: Record<string, string>): { text: string; unknown: string[] } {
  const unknown = new Set<string>();
  const rendered = text.replace(PLACEHOLDER, (match, name: string) => {
    if (Object.hasOwn(values, name)) return values[name];
    unknown.add(name);
    return match;
  });
  return { text: rendered, unknown: [...unknown] };
}
