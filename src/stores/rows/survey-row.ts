import { SurveySchema, type Survey } from '../../services/survey/survey.schema';

/** A survey row as both SQL stores keep it (same columns in SQLite and PostgreSQL). */
export type SurveyRow = {
  call_sid: string;
  phone: string;
  hotline: string;
  lang: string;
  sms_key: string;
  created_at: number;
  rating: number | null;
  rated_at: number | null;
  comment: string | null;
  commented_at: number | null;
  thanked_at: number | null;
};

export function toSurvey(r: SurveyRow): Survey {
  return SurveySchema.parse({
    callSid: r.call_sid,
    phone: r.phone,
    hotline: r.hotline,
    lang: r.lang,
    smsKey: r.sms_key,
    createdAt: r.created_at,
    ...(r.rating !== null ? { rating: r.rating } : {}),
    ...(r.rated_at !== null ? { ratedAt: r.rated_at } : {}),
    ...(r.comment !== null ? { comment: r.comment } : {}),
    ...(r.commented_at !== null ? { commentedAt: r.commented_at } : {}),
    ...(r.thanked_at !== null ? { thankedAt: r.thanked_at } : {}),
  });
}
