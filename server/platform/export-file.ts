/**
 * Helpers for files the server hands out (Excel exports): the download headers (SECURITY.md items 25, 28c),
 * Chinese role names and China-time dates for cells and file names. The web app has its own i18n labels.
 */
import type { FastifyReply } from 'fastify';
import { XLSX_MIME } from '../../contracts/transfer.ts';
import type { Role } from '../../contracts/enums.ts';

const ROLE_NAMES_ZH: Record<Role, string> = {
  SYS_ADMIN: '系统管理员',
  COUNTY_SECRETARY: '县委书记',
  ORG_HEAD: '组织部部长',
  ORG_CADRE_SECTION: '组织部干部科',
  ORG_SUPERVISION_SECTION: '组织部干部监督科',
  ORG_GRASSROOTS_SECTION: '组织部组织科',
  DISCIPLINE_COMMISSION: '县纪委监委',
  TOWN_SECRETARY: '乡镇（街道）党（工）委书记',
  TOWN_ORG_MEMBER: '乡镇（街道）组织委员',
  VILLAGE_SECRETARY: '村（社区）党组织书记',
  AUDITOR: '审计员',
  CADRE_SELF: '干部本人',
  TOWN_DISCIPLINE_SECRETARY: '乡镇（街道）纪（工）委书记',
  COUNTY_DEPT_LEADER: '县直部门负责人',
  UNIT_DISCIPLINE_SECRETARY: '派驻纪检组组长',
  O2O_DISPATCHER: 'O2O 办公室调度员',
  HANDLER: '承办人',
  VILLAGE_CADRE: '村（社区）“两委”成员',
  SERVICE_TEAM_MEMBER: '“1+(3+X)”服务团队成员',
};

const OTHER_ACTORS: Record<string, string> = { SYSTEM: '系统', CLI: '命令行' };

/** 组织部部长 for ORG_HEAD; unknown codes are returned as they are, null as ''. */
export function roleNameZh(role: string | null | undefined): string {
  if (!role) return '';
  return (ROLE_NAMES_ZH as Record<string, string>)[role] ?? OTHER_ACTORS[role] ?? role;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `YYYY-MM-DD HH:mm:ss` in China Standard Time, for spreadsheet cells. */
export function chinaDateTimeText(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** `YYYY-MM-DD` in China Standard Time (export file names). */
export function chinaDateText(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** `attachment; filename="<ascii>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 + RFC 5987). */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

/** An .xlsx attachment: UTF-8 file name with an ASCII fallback, never cached, never sniffed. */
export function sendXlsx(reply: FastifyReply, fileName: string, asciiFallback: string, buffer: Buffer): FastifyReply {
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', contentDisposition(fileName, asciiFallback))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(buffer);
}
