/**
 * Demo and bench articles: topics written once in Chinese and English, expanded by templates into
 * articles of realistic length (an introduction, scope, numbered steps, notes, a table and FAQ).
 */
export interface KbTopic {
  cat: string;
  /** Customer-facing topics go to the help center; internal ones stay with staff. */
  visibility: 'public' | 'internal';
  zh: { title: string; key: string; area: string; action: string; tip: string };
  en: { title: string; key: string; area: string; action: string; tip: string };
}

export const KB_DEMO_CATEGORIES: { key: string; name: string; nameEn: string; parent?: string }[] = [
  { key: 'usage', name: '产品使用', nameEn: 'Using the CRM' },
  { key: 'customers', name: '客户与线索', nameEn: 'Customers and leads', parent: 'usage' },
  { key: 'sales', name: '销售与报价', nameEn: 'Sales and quotes', parent: 'usage' },
  { key: 'billing', name: '账单与财务', nameEn: 'Billing' },
  { key: 'refunds', name: '退款', nameEn: 'Refunds', parent: 'billing' },
  { key: 'invoices', name: '发票', nameEn: 'Invoices', parent: 'billing' },
  { key: 'install', name: '安装部署', nameEn: 'Installation' },
  { key: 'trouble', name: '故障排查', nameEn: 'Troubleshooting' },
  { key: 'security', name: '账号与安全', nameEn: 'Accounts and security' },
];

const T = (cat: string, visibility: 'public' | 'internal', zh: KbTopic['zh'], en: KbTopic['en']): KbTopic => ({ cat, visibility, zh, en });

export const KB_TOPICS: KbTopic[] = [
  T('refunds', 'public', { title: '如何申请退款', key: '退款', area: '订单中心', action: '提交退款申请', tip: '退款将在财务审核通过后 3 个工作日内原路退回。' }, { title: 'How to request a refund', key: 'refund', area: 'Orders', action: 'submit a refund request', tip: 'Refunds go back to the original payment method within 3 working days after finance approves them.' }),
  T('refunds', 'public', { title: '退款进度查询', key: '退款进度', area: '订单中心 → 退款记录', action: '查看退款状态', tip: '状态为“已打款”后，银行入账通常还需 1–2 天。' }, { title: 'Tracking a refund', key: 'refund status', area: 'Orders → Refunds', action: 'check the refund status', tip: 'Once the status says "Paid out", banks usually need one or two more days.' }),
  T('refunds', 'internal', { title: '退款审批流程（内部）', key: '退款审批', area: '审批中心', action: '审批退款申请', tip: '金额超过 1 万元的退款需要财务经理二次审批。' }, { title: 'Refund approval process (internal)', key: 'refund approval', area: 'Approvals', action: 'approve a refund request', tip: 'Refunds above CNY 10,000 need a second approval by the finance manager.' }),
  T('refunds', 'public', { title: '部分退款与退货规则', key: '部分退款', area: '订单详情', action: '选择需要退回的商品', tip: '已开具发票的订单需先退回发票再办理退款。' }, { title: 'Partial refunds and returns', key: 'partial refund', area: 'Order details', action: 'pick the items to return', tip: 'Orders that already have an invoice need the invoice returned before the refund.' }),
  T('invoices', 'public', { title: '如何开具增值税专用发票', key: '发票', area: '财务 → 发票', action: '填写开票信息并提交', tip: '专用发票需要提供纳税人识别号、开户行及账号。' }, { title: 'Issuing a VAT special invoice', key: 'invoice', area: 'Finance → Invoices', action: 'fill in the invoicing details and submit', tip: 'A special VAT invoice needs the taxpayer ID, bank and account number.' }),
  T('invoices', 'public', { title: '电子发票下载与红冲', key: '电子发票', area: '财务 → 发票', action: '下载或红冲电子发票', tip: '红冲后原发票作废，新的发票会重新发送到邮箱。' }, { title: 'Downloading and reversing e-invoices', key: 'e-invoice', area: 'Finance → Invoices', action: 'download or reverse an e-invoice', tip: 'A reversed invoice becomes void; the new one is emailed again.' }),
  T('invoices', 'internal', { title: '发票抬头变更处理（内部）', key: '发票抬头', area: '财务 → 开票申请', action: '核对并变更发票抬头', tip: '抬头变更需客户提供盖章说明函。' }, { title: 'Changing the invoice title (internal)', key: 'invoice title', area: 'Finance → Invoice requests', action: 'verify and change the invoice title', tip: 'A title change needs a stamped letter from the customer.' }),
  T('install', 'public', { title: '私有化部署安装指南', key: '安装', area: '服务器控制台', action: '运行安装脚本', tip: '建议使用 4 核 8G 以上的服务器，并提前开放 443 端口。' }, { title: 'On-premises installation guide', key: 'installation', area: 'the server console', action: 'run the installer script', tip: 'Use a server with at least 4 cores and 8 GB of memory and open port 443 first.' }),
  T('install', 'public', { title: '桌面客户端安装', key: '客户端', area: '下载中心', action: '下载并安装桌面客户端', tip: '安装时需要管理员权限，Mac 版本需在“安全性与隐私”中允许打开。' }, { title: 'Installing the desktop client', key: 'desktop client', area: 'Downloads', action: 'download and install the desktop client', tip: 'Installing needs administrator rights; on a Mac allow it under Security & Privacy.' }),
  T('install', 'public', { title: '移动端 App 安装与登录', key: '移动端', area: '应用商店', action: '安装 App 并扫码登录', tip: '企业微信用户可以直接在工作台打开客源 CRM。' }, { title: 'Installing the mobile app', key: 'mobile app', area: 'the app store', action: 'install the app and sign in with the QR code', tip: 'WeCom users can open Keyuan CRM straight from the workbench.' }),
  T('install', 'internal', { title: '数据库升级与备份（内部）', key: '数据库升级', area: '运维平台', action: '备份数据库并执行升级', tip: '升级前务必确认备份可以恢复。' }, { title: 'Database upgrades and backups (internal)', key: 'database upgrade', area: 'the operations console', action: 'back up the database and upgrade', tip: 'Always check that the backup restores before upgrading.' }),
  T('trouble', 'public', { title: '无法登录怎么办', key: '登录', area: '登录页', action: '检查账号和密码', tip: '连续输错密码会被临时锁定，请联系管理员重置密码。' }, { title: 'Cannot sign in', key: 'sign in', area: 'the sign-in page', action: 'check the account and password', tip: 'Several wrong passwords lock the account for a while; ask an administrator to reset it.' }),
  T('trouble', 'public', { title: '页面加载缓慢排查', key: '加载缓慢', area: '浏览器', action: '清除缓存并检查网络', tip: '推荐使用最新版 Chrome 或 Edge 浏览器。' }, { title: 'Pages load slowly', key: 'slow pages', area: 'the browser', action: 'clear the cache and check the network', tip: 'We recommend the latest Chrome or Edge.' }),
  T('trouble', 'public', { title: '导入客户数据失败', key: '导入失败', area: '数据导入', action: '下载错误报告并修正', tip: 'Excel 中的手机号请设置为文本格式，避免被转成科学计数法。' }, { title: 'Customer import fails', key: 'import errors', area: 'Imports', action: 'download the error report and fix the rows', tip: 'Format phone numbers as text in Excel so they do not turn into scientific notation.' }),
  T('trouble', 'internal', { title: '短信发送失败排查（内部）', key: '短信发送失败', area: '短信平台', action: '查看发送回执', tip: '签名或模板未审核通过时短信会被运营商拦截。' }, { title: 'SMS delivery failures (internal)', key: 'SMS delivery', area: 'the SMS console', action: 'read the delivery reports', tip: 'Carriers block messages whose signature or template is not approved.' }),
  T('trouble', 'public', { title: '收不到通知邮件', key: '通知邮件', area: '个人设置 → 通知', action: '检查通知设置和垃圾邮件', tip: '请将 noreply@keyuan.cn 加入邮箱白名单。' }, { title: 'Notification emails do not arrive', key: 'notification email', area: 'Profile → Notifications', action: 'check the notification settings and the spam folder', tip: 'Add noreply@keyuan.cn to your allow list.' }),
  T('customers', 'internal', { title: '公海客户领取规则', key: '公海', area: '客户 → 公海', action: '领取公海客户', tip: '每人最多同时持有 50 个公海客户，超过 30 天未跟进会自动退回。' }, { title: 'Claiming customers from a pool', key: 'pool', area: 'Customers → Pools', action: 'claim a customer from the pool', tip: 'Each rep holds at most 50 pooled customers; 30 days without follow-up returns them.' }),
  T('customers', 'internal', { title: '线索转化为客户', key: '线索转化', area: '线索详情', action: '点击“转化”', tip: '转化后线索变为只读，跟进记录会同步到新客户。' }, { title: 'Converting a lead', key: 'lead conversion', area: 'Lead details', action: 'click Convert', tip: 'A converted lead becomes read-only; its activities move to the new account.' }),
  T('customers', 'public', { title: '客户查重与合并', key: '查重', area: '客户详情 → 重复客户', action: '合并重复客户', tip: '合并后保留主客户的负责人，其他客户的跟进记录会一并转移。' }, { title: 'Finding and merging duplicates', key: 'duplicates', area: 'Account details → Duplicates', action: 'merge duplicate customers', tip: 'The surviving account keeps its owner; activities of the others move to it.' }),
  T('customers', 'internal', { title: '跟进记录填写规范', key: '跟进记录', area: '客户详情 → 跟进', action: '记录电话或拜访', tip: '每次跟进需写明客户需求和下一步计划。' }, { title: 'Writing good activity notes', key: 'activity notes', area: 'Account details → Activities', action: 'log a call or a visit', tip: 'Each note states the customer need and the next step.' }),
  T('sales', 'internal', { title: '报价折扣审批', key: '折扣审批', area: '报价单', action: '提交审批', tip: '折扣超过 10% 需要部门经理审批。' }, { title: 'Quote discount approvals', key: 'discount approval', area: 'Quotes', action: 'submit for approval', tip: 'Discounts above 10% need the department manager.' }),
  T('sales', 'public', { title: '报价单导出 PDF', key: '报价单', area: '报价详情', action: '下载 PDF', tip: 'PDF 中的公司抬头可以在系统设置中修改。' }, { title: 'Exporting a quote as PDF', key: 'quote PDF', area: 'Quote details', action: 'download the PDF', tip: 'The company letterhead of the PDF is set in the system settings.' }),
  T('sales', 'internal', { title: '商机阶段与赢单率', key: '商机阶段', area: '商机看板', action: '拖动商机到新阶段', tip: '进入输单阶段时必须填写输单原因。' }, { title: 'Opportunity stages and win rates', key: 'opportunity stage', area: 'the pipeline board', action: 'drag the opportunity to a new stage', tip: 'Moving to a lost stage needs a lost reason.' }),
  T('security', 'public', { title: '修改密码与两步验证', key: '密码', area: '个人设置 → 安全', action: '修改密码', tip: '密码至少 8 位，需包含字母和数字。' }, { title: 'Changing your password', key: 'password', area: 'Profile → Security', action: 'change the password', tip: 'Passwords need at least 8 characters with letters and digits.' }),
  T('security', 'internal', { title: '员工离职账号交接（内部）', key: '离职交接', area: '系统管理 → 用户', action: '停用账号并转移客户', tip: '停用前请先把客户和商机批量转给接手的同事。' }, { title: 'Handing over a leaver’s account (internal)', key: 'handover', area: 'Admin → Users', action: 'deactivate the account and transfer the customers', tip: 'Transfer customers and opportunities in bulk before deactivating.' }),
  T('security', 'public', { title: '数据权限说明', key: '数据权限', area: '系统管理 → 角色', action: '配置角色的数据范围', tip: '数据范围分为本人、本部门及下级、全部三种。' }, { title: 'Data permissions explained', key: 'data permission', area: 'Admin → Roles', action: 'set the data scope of a role', tip: 'A data scope is own, department and below, or everyone.' }),
  T('billing', 'public', { title: '续费与套餐升级', key: '续费', area: '账单中心', action: '选择套餐并支付', tip: '年付享 8.5 折优惠，升级差价按剩余天数计算。' }, { title: 'Renewals and plan upgrades', key: 'renewal', area: 'Billing', action: 'choose a plan and pay', tip: 'Yearly billing saves 15%; upgrades are prorated by the days left.' }),
  T('billing', 'public', { title: '对公转账付款说明', key: '对公转账', area: '账单中心 → 付款方式', action: '选择对公转账', tip: '转账备注请填写订单号，以便财务核对到账。' }, { title: 'Paying by bank transfer', key: 'bank transfer', area: 'Billing → Payment methods', action: 'choose bank transfer', tip: 'Put the order number in the transfer note so finance can match it.' }),
];

/** A topic's Chinese article in Markdown (~900 characters). */
export function zhBody(t: KbTopic['zh'], n = 0): string {
  return [
    `${t.title}是客户和同事经常问到的问题。本文说明在客源 CRM 中${t.action}的完整步骤、需要注意的事项，以及与${t.key}相关的常见问题。${n ? `（第 ${n} 次修订）` : ''}`,
    '## 适用范围',
    `- 适用于标准版、专业版和私有化部署版本。\n- 需要对应模块的查看权限；涉及${t.key}的修改需要编辑权限。\n- 如果您的界面与本文不一致，请先升级到最新版本。`,
    '## 操作步骤',
    `1. 登录客源 CRM，在左侧菜单进入**${t.area}**。\n2. 使用页面上方的搜索框找到需要处理的记录，点击进入详情。\n3. 点击右上角的操作按钮，按照提示${t.action}。\n4. 核对填写的信息无误后点击“提交”，系统会提示处理结果。\n5. 处理完成后，可以在操作记录中查看每一步的时间和处理人。`,
    '## 注意事项',
    `> ${t.tip}\n\n- 提交后如需修改，请先撤回再重新提交。\n- 同一条记录同时只能有一个进行中的${t.key}处理。\n- 所有操作都会记录在审计日志中，管理员可以随时查看。`,
    '## 处理时效',
    `| 事项 | 工作日时效 |\n|:--|--:|\n| 受理${t.key} | 1 天 |\n| 审核 | 2 天 |\n| 完成并通知 | 3 天 |`,
    '## 常见问题',
    `**问：${t.key}提交后多久能处理完成？**\n\n答：一般在 3 个工作日内完成，节假日顺延。\n\n**问：处理失败怎么办？**\n\n答：请在详情页查看失败原因，修正后重新提交；仍无法解决可以联系客服热线 400-800-1234。`,
  ].join('\n\n');
}

/** A topic's English article in Markdown (~1,200 characters). */
export function enBody(t: KbTopic['en'], n = 0): string {
  return [
    `Customers and colleagues often ask about this. This article explains how to ${t.action} in Keyuan CRM, what to watch out for, and answers common questions about ${t.key}.${n ? ` (Revision ${n}.)` : ''}`,
    '## Who this is for',
    `- Standard, Professional and on-premises editions.\n- You need read access to the module; changing anything about ${t.key} needs edit access.\n- If your screens look different, upgrade to the latest version first.`,
    '## Steps',
    `1. Sign in to Keyuan CRM and open **${t.area}** from the side menu.\n2. Find the record with the search box at the top and open its details.\n3. Use the action button at the top right and follow the prompts to ${t.action}.\n4. Check what you entered and click Submit; the result is shown right away.\n5. The activity history lists every step with its time and the person who did it.`,
    '## Notes',
    `> ${t.tip}\n\n- To change a submitted request, withdraw it first and submit it again.\n- A record can have only one ${t.key} request in progress at a time.\n- Every action is written to the audit log, which administrators can review at any time.`,
    '## Turnaround',
    `| Step | Working days |\n|:--|--:|\n| Accepting the ${t.key} request | 1 |\n| Review | 2 |\n| Done and notified | 3 |`,
    '## FAQ',
    `**How long does ${t.key} take?**\n\nUsually up to three working days; public holidays push it back.\n\n**What if it fails?**\n\nOpen the details to see why, fix it and submit again. If that does not help, call our hotline 400-800-1234 or see [our help center](https://help.keyuan.example).`,
  ].join('\n\n');
}
