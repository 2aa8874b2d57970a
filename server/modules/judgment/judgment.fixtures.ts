/**
 * Test fixtures of the judgment module (tests, ledger steps, scope probes): rows of the analysis and integrity
 * modules' tables inserted directly, so judgment tests do not depend on those modules' workflows.
 */
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/database.ts';
import type { UnitRef } from '../../test/factories.ts';

const NOW = '2026-11-20T08:00:00.000Z';

/** A campaign; `team` are the user ids put on its team (they may draft, edit and propose its judgments). */
export async function insertCampaign(db: Db, input: { unit: UnitRef; towns: UnitRef[]; name?: string; startAt?: string; status?: string; team?: string[] }): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('analysis_campaign')
    .values({
      id, name: input.name ?? '2026年乡镇换届考察分析', scope_town_ids: JSON.stringify(input.towns.map((t) => t.id)), start_at: input.startAt ?? '2026-11-01', end_at: '2026-12-31',
      notice_published_at: null, notice_media: null, notice_text: null, status: input.status ?? 'ANALYSING', owner_org_unit_id: input.unit.id, org_path: input.unit.path, created_by: null, created_at: NOW, updated_at: NOW,
    })
    .execute();
  for (const [i, userId] of (input.team ?? []).entries()) {
    await db.insertInto('analysis_campaign_member').values({ id: uuidv7(), campaign_id: id, user_id: userId, person_id: null, display_name: `工作组成员${i + 1}`, team_role: i === 0 ? 'LEAD' : 'MEMBER', created_at: NOW }).execute();
  }
  return id;
}

export async function insertEvidence(
  db: Db,
  input: { personId: string; orgPath: string; sourceType?: string; date?: string; summary?: string; polarity?: string; grade?: string | null; effectUntil?: string | null; campaignId?: string | null },
): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('evidence')
    .values({
      id, cadre_person_id: input.personId, team_org_unit_id: null, campaign_id: input.campaignId ?? null, source_type: input.sourceType ?? 'AWARD', source_ref_id: null, date: input.date ?? '2025-06-01',
      summary: input.summary ?? '全县招商引资先进个人', polarity: input.polarity ?? 'POSITIVE', classification: 'NORMAL', attachment_hashes: '[]', source_unit_id: null, grade: input.grade ?? null,
      effect_until: input.effectUntil ?? null, org_path: input.orgPath, created_by: null, created_at: NOW, updated_at: NOW,
    })
    .execute();
  return id;
}

export async function insertConclusion(db: Db, input: { personId: string; unit: UnitRef; status?: string; conclusion?: string }): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('integrity_conclusion')
    .values({
      id, lineage_id: id, version: 1, previous_version_id: null, superseded_by_id: null, subject_person_id: input.personId, unit_org_id: input.unit.id, unit_party_org_id: null, org_path: input.unit.path,
      conclusion: input.conclusion ?? 'CLEAR', text_enc: 'x', basis: '[]', status: input.status ?? 'ACCEPTED', content_hash: 'h', return_reason: null, created_by_user_id: null,
      submitted_at: NOW, decided_at: (input.status ?? 'ACCEPTED') === 'ACCEPTED' ? NOW : null, decided_by_user_id: null, created_at: NOW, updated_at: NOW,
    })
    .execute();
  return id;
}

export async function insertPetition(db: Db, input: { personId: string; orgPath: string; handlerUserId: string; checkable?: boolean; status?: string }): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('petition_report')
    .values({ id, received_at: '2026-10-01', channel: 'LETTER', real_name: 0, reporter_identity_enc: null, content_enc: 'x', specific_and_checkable: input.checkable === false ? 0 : 1, status: input.status ?? 'RECEIVED', conclusion_enc: null, org_path: input.orgPath, handler_user_id: input.handlerUserId, created_at: NOW, updated_at: NOW })
    .execute();
  await db.insertInto('petition_subject').values({ petition_id: id, person_id: input.personId }).execute();
  return id;
}
