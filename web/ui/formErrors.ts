import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { ApiError, errorMessage } from '../api/client.ts';

/** "cadre.rankLevel", "/cadre/rankLevel" or "body/idNumber" → ['cadre', 'rankLevel'] */
function toNamePath(field: string): (string | number)[] {
  return field
    .replace(/^\/?body[./]/, '')
    .replace(/^\//, '')
    .split(/[./]/)
    .filter((part) => part.length > 0)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows an API error on a form: every `fields[]` entry the form knows goes under its input;
 * the message (and any field the form does not have) goes to the antd message toast.
 */
export function showFormError(form: FormInstance, error: unknown, message: MessageInstance): void {
  if (error instanceof ApiError && error.fields.length > 0) {
    const known: { name: (string | number)[]; errors: string[] }[] = [];
    const unknown: string[] = [];
    for (const f of error.fields) {
      const name = toNamePath(f.field);
      if (name.length > 0 && form.getFieldInstance(name) !== undefined) known.push({ name, errors: [f.message] });
      else unknown.push(f.message);
    }
    if (known.length > 0) form.setFields(known);
    if (unknown.length > 0 || known.length === 0) void message.error(unknown.length > 0 ? unknown.join('；') : error.message);
    return;
  }
  void message.error(errorMessage(error));
}
