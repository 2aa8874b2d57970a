/**
 * Turns JSON-schema validation failures into field errors in plain Chinese (and English) that name the field
 * and the fix, e.g. "姓名：不能为空" instead of "body/name must NOT have fewer than 1 characters".
 */
import type { LocalisedFieldError, Text } from './errors.ts';

const FIELD_LABELS: Record<string, Text> = {
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  newPassword: { zh: '新密码', en: 'New password' },
  name: { zh: '名称/姓名', en: 'Name' },
  shortName: { zh: '简称', en: 'Short name' },
  displayName: { zh: '显示名称', en: 'Display name' },
  code: { zh: '代码', en: 'Code' },
  type: { zh: '类型', en: 'Type' },
  parentId: { zh: '上级单位', en: 'Parent' },
  orgUnitId: { zh: '所在单位', en: 'Unit' },
  validFrom: { zh: '生效日期', en: 'Valid from' },
  validTo: { zh: '失效日期', en: 'Valid to' },
  effectiveDate: { zh: '生效日期', en: 'Effective date' },
  sourceIds: { zh: '被合并单位', en: 'Units to merge' },
  targetId: { zh: '合并目标', en: 'Merge target' },
  gender: { zh: '性别', en: 'Gender' },
  birthDate: { zh: '出生日期', en: 'Birth date' },
  ethnicityCode: { zh: '民族', en: 'Ethnicity' },
  idNumber: { zh: '身份证号', en: 'ID number' },
  phone: { zh: '手机号码', en: 'Mobile number' },
  isPartyMember: { zh: '是否党员', en: 'Party member' },
  partyJoinDate: { zh: '入党日期', en: 'Party join date' },
  rankLevel: { zh: '职级', en: 'Rank' },
  title: { zh: '职务', en: 'Title' },
  startDate: { zh: '任职日期', en: 'Start date' },
  endDate: { zh: '免职日期', en: 'End date' },
  relation: { zh: '亲属关系', en: 'Relation' },
  relativePersonId: { zh: '亲属', en: 'Relative' },
  reason: { zh: '查看原因', en: 'Reason' },
  field: { zh: '字段', en: 'Field' },
  role: { zh: '角色', en: 'Role' },
  page: { zh: '页码', en: 'Page' },
  pageSize: { zh: '每页条数', en: 'Page size' },
  sort: { zh: '排序字段', en: 'Sort field' },
  order: { zh: '排序方向', en: 'Sort order' },
  q: { zh: '搜索词', en: 'Search text' },
  asOf: { zh: '查询日期', en: 'As-of date' },
  id: { zh: '编号', en: 'Id' },
  foundedAt: { zh: '成立日期', en: 'Founded on' },
  dissolvedAt: { zh: '撤销日期', en: 'Dissolved on' },
  hostKind: { zh: '依托类型', en: 'Host kind' },
  secretaryPersonId: { zh: '书记', en: 'Secretary' },
  newUnit: { zh: '新单位', en: 'New unit' },
  personId: { zh: '关联人员', en: 'Person' },
  disabled: { zh: '停用', en: 'Disabled' },
  managementAuthorityOrgId: { zh: '干部管理权限单位', en: 'Management authority' },
  educationCode: { zh: '学历', en: 'Education' },
  workStartDate: { zh: '参加工作时间', en: 'Work start date' },
  isLeadership: { zh: '是否领导职务', en: 'Leadership post' },
  isPrincipal: { zh: '是否正职', en: 'Principal post' },
};

export type AjvLikeError = { instancePath?: string; keyword: string; params?: Record<string, unknown>; message?: string };

function fieldOf(e: AjvLikeError): string {
  if (e.keyword === 'required' && typeof e.params?.missingProperty === 'string') return e.params.missingProperty;
  if (e.keyword === 'additionalProperties' && typeof e.params?.additionalProperty === 'string') return e.params.additionalProperty;
  const parts = (e.instancePath ?? '').split('/').filter(Boolean);
  return parts.find((p) => !/^\d+$/.test(p)) ?? parts[0] ?? 'body';
}

function describe(e: AjvLikeError): Text {
  const p = e.params ?? {};
  switch (e.keyword) {
    case 'required':
      return { zh: '不能为空', en: 'is required' };
    case 'additionalProperties':
      return { zh: '是不允许提交的字段', en: 'may not be set' };
    case 'minLength':
      return Number(p.limit) <= 1 ? { zh: '不能为空', en: 'must not be empty' } : { zh: `至少需要 ${String(p.limit)} 个字符`, en: `needs at least ${String(p.limit)} characters` };
    case 'maxLength':
      return { zh: `不能超过 ${String(p.limit)} 个字符`, en: `may have at most ${String(p.limit)} characters` };
    case 'pattern':
      return { zh: '格式不正确（日期请用 YYYY-MM-DD）', en: 'has the wrong format (dates are YYYY-MM-DD)' };
    case 'minimum':
      return { zh: `不能小于 ${String(p.limit)}`, en: `must be at least ${String(p.limit)}` };
    case 'maximum':
      return { zh: `不能大于 ${String(p.limit)}`, en: `must be at most ${String(p.limit)}` };
    case 'minItems':
      return { zh: `至少选择 ${String(p.limit)} 项`, en: `needs at least ${String(p.limit)} items` };
    case 'maxItems':
      return { zh: `最多选择 ${String(p.limit)} 项`, en: `may have at most ${String(p.limit)} items` };
    case 'type':
      return { zh: '类型不正确', en: `must be ${String(p.type)}` };
    case 'anyOf':
    case 'const':
    case 'enum':
      return { zh: '不是允许的取值', en: 'is not an allowed value' };
    default:
      return { zh: '不符合要求', en: 'is invalid' };
  }
}

export function fieldErrorsFromValidation(errors: AjvLikeError[]): LocalisedFieldError[] {
  const seen = new Set<string>();
  const out: LocalisedFieldError[] = [];
  // anyOf reports one error per branch plus the anyOf itself; keep the first per field.
  for (const e of errors) {
    const field = fieldOf(e);
    if (seen.has(field)) continue;
    seen.add(field);
    const label = FIELD_LABELS[field] ?? { zh: field, en: field };
    const what = describe(e);
    out.push({ field, message: { zh: `${label.zh}：${what.zh}`, en: `${label.en} ${what.en}` } });
  }
  return out;
}
