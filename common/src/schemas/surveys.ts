import { z } from 'zod';
import { nonBlank } from './common.js';

// The annual survey (摸底): a campaign, one item per person to verify, progress per town.

export const SURVEY_OUTCOMES = ['confirmed', 'moved', 'left', 'deceased'] as const;
export type SurveyOutcome = (typeof SURVEY_OUTCOMES)[number];
export const SURVEY_ITEM_STATUSES = ['pending', ...SURVEY_OUTCOMES] as const;
export type SurveyItemStatus = (typeof SURVEY_ITEM_STATUSES)[number];

export const campaignSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(['open', 'closed']),
  itemCount: z.number().int(),
  openedByName: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type Campaign = z.infer<typeof campaignSchema>;
export const campaignsResponse = z.object({ items: z.array(campaignSchema) });
export const openCampaignBody = z.object({ name: nonBlank(100) });

export const townProgressSchema = z.object({
  townId: z.number().int().nullable(),
  townName: z.string().nullable(),
  total: z.number().int(),
  pending: z.number().int(),
  confirmed: z.number().int(),
  moved: z.number().int(),
  left: z.number().int(),
  deceased: z.number().int(),
});
export type TownProgress = z.infer<typeof townProgressSchema>;
export const progressResponse = z.object({ campaign: campaignSchema, towns: z.array(townProgressSchema) });

export const surveyItemSchema = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  townName: z.string().nullable(),
  employerName: z.string().nullable(),
  mobile: z.string().nullable(),
  status: z.enum(SURVEY_ITEM_STATUSES),
  note: z.string(),
  verifiedByName: z.string().nullable(),
  verifiedAt: z.string().nullable(),
});
export type SurveyItem = z.infer<typeof surveyItemSchema>;

export const surveyItemsQuery = z.object({
  status: z.enum(SURVEY_ITEM_STATUSES).optional(),
  townId: z.coerce.number().int().positive().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const surveyItemsResponse = z.object({ items: z.array(surveyItemSchema), total: z.number().int(), nextCursor: z.string().nullable() });

export const verifyBody = z.object({ status: z.enum(SURVEY_OUTCOMES), note: z.string().trim().max(500, { message: 'field.tooLong' }).default('') });
export const itemParams = z.object({ id: z.coerce.number().int().positive(), itemId: z.coerce.number().int().positive() });
