import type { TFunction } from 'i18next';
import { AUDIT_KNOWN_ACTIONS, AUDIT_OBJECT_TYPES, type AuditKnownAction, type AuditObjectType } from '../../../contracts/audit.ts';
import type { Role } from '../../../contracts/enums.ts';
import { ROLES } from '../../../contracts/enums.ts';
import type { Messages } from '../../i18n/zh-CN.ts';

type ActionKey = keyof Messages['audit']['actions'];

export function isKnownAction(action: string): action is AuditKnownAction {
  return (AUDIT_KNOWN_ACTIONS as readonly string[]).includes(action);
}

/** 查看档案 for person.dossier_viewed; unknown actions are shown as they are stored. */
export function actionLabel(t: TFunction, action: string): string {
  if (!isKnownAction(action)) return action;
  return t(`audit.actions.${action.replace(/\./g, '_') as ActionKey}`);
}

export function objectTypeLabel(t: TFunction, type: string): string {
  return (AUDIT_OBJECT_TYPES as readonly string[]).includes(type) ? t(`audit.objectTypes.${type as AuditObjectType}`) : type;
}

export function roleLabel(t: TFunction, role: string | null): string {
  if (!role) return '';
  return (ROLES as readonly string[]).includes(role) ? t(`roles.${role as Role}`) : role;
}

/** A compact one-line view of a payload: `key: value; …` (objects as JSON). */
export function payloadSummary(payload: Record<string, unknown>): string {
  return Object.entries(payload)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
}

/** The person an event is about, for the history drawer: the object itself, or `personId` in the payload. */
export function personOf(e: { objectType: string; objectId: string; payload: Record<string, unknown> }): string | null {
  if (e.objectType === 'person') return e.objectId;
  const p = e.payload.personId;
  return typeof p === 'string' ? p : null;
}
