/** Chinese labels for the files the server writes (.xlsx, .docx); the web app has its own i18n labels. */
import type { AnnualGrade, CampaignStatus, DocType, EvidenceSourceType, Polarity, TalkMode, TipChannel } from '../../../contracts/analysis.ts';

export const EVIDENCE_TYPE_ZH: Record<EvidenceSourceType, string> = {
  PERFORMANCE_ASSESSMENT: '年度考核',
  DAILY_INSPECTION: '日常考察',
  AWARD: '表彰奖励',
  TALK: '谈话了解',
  LETTER_REPLY: '函询回复',
  FIELD_VISIT: '实地走访',
  AUDIT_REPORT: '审计报告',
  PETITION: '信访举报',
  STUDY_EDUCATION: '学习教育',
  TRAINING: '教育培训',
  ACCOUNTABILITY: '问责',
  TOLERANCE: '容错纠错',
  CLEARANCE: '澄清正名',
  REMINDER_TALK: '提醒谈话',
  PUBLIC_TIP: '群众来信来访',
};

export const POLARITY_ZH: Record<Polarity, string> = { POSITIVE: '正面', NEUTRAL: '中性', NEGATIVE: '负面' };
export const GRADE_ZH: Record<AnnualGrade, string> = { EXCELLENT: '优秀', COMPETENT: '称职', BASICALLY_COMPETENT: '基本称职', INCOMPETENT: '不称职' };
export const TALK_MODE_ZH: Record<TalkMode, string> = { OUTLINE: '提纲式谈话', CASUAL: '聊家常式谈话', FULL_COVERAGE: '全覆盖式谈心谈话', INDIVIDUAL_INTERVIEW: '个别访谈', FIELD_VISIT: '实地走访谈话' };
export const DOC_TYPE_ZH: Record<DocType, string> = { ECONOMIC_AUDIT: '经济责任审计', PETITION: '信访件', STUDY_EDUCATION: '学习教育资料', OTHER: '其他资料' };
export const TIP_CHANNEL_ZH: Record<TipChannel, string> = { LETTER: '来信', PHONE: '来电', EMAIL: '电子邮件', WECHAT: '微信', VISIT: '来访', ONLINE: '网络' };
export const CAMPAIGN_STATUS_ZH: Record<CampaignStatus, string> = { PLANNING: '筹备中', COLLECTING: '收集中', ANALYSING: '分析研判中', CONCLUDED: '已结束' };
