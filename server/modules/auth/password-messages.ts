import type { PasswordProblem } from '../../platform/password.ts';
import type { Text } from '../../platform/errors.ts';

const MESSAGES: Record<PasswordProblem, Text> = {
  TOO_SHORT: { zh: '新密码至少需要 12 个字符', en: 'The new password needs at least 12 characters' },
  TOO_LONG: { zh: '新密码不能超过 128 个字符', en: 'The new password may have at most 128 characters' },
  COMMON: { zh: '新密码过于常见，容易被猜中，请换一个', en: 'The new password is too common; choose another' },
  CONTEXT: { zh: '新密码不能以单位名称、地名或系统名称为主体，请换一个', en: 'The new password is built on a place, organisation or system name; choose another' },
  PERSONAL: { zh: '新密码不能包含用户名、姓名或出生日期', en: 'The new password may not contain your username, name or birth date' },
  REPETITIVE: { zh: '新密码重复字符过多，请换一个', en: 'The new password repeats too few characters; choose another' },
};

export function passwordProblemText(problem: PasswordProblem): Text {
  return MESSAGES[problem];
}
