// Campaigns: the fieldwork of one published version (window, access, strata with quotas), and the
// per-stratum counters kept up to date as responses arrive (so progress never rescans responses).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const cellSchema = new Schema(
  { key: { type: Schema.Types.Mixed, required: true }, quota: { type: Number, required: true } },
  { _id: false },
);

const campaignSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    title: { type: Schema.Types.Mixed, required: true },
    survey: { type: Schema.Types.ObjectId, ref: 'Survey', required: true },
    version: { type: Schema.Types.ObjectId, ref: 'SurveyVersion', required: true },
    versionNumber: { type: Number, required: true },
    opensAt: { type: Date, required: true },
    closesAt: { type: Date, required: true },
    /** Staff's switch; the effective status also follows the dates (see campaigns/status.ts). */
    status: { type: String, enum: ['active', 'paused', 'closed'], default: 'active' },
    timezone: { type: String, default: 'Asia/Ho_Chi_Minh' },
    /** The window the plan orders (Plan 106-KH/TU: April–June 2023), recorded and shown. */
    plannedWindow: { opensAt: Date, closesAt: Date },
    access: { type: String, enum: ['public', 'token', 'both'], default: 'public' },
    anonymity: { type: String, enum: ['anonymous', 'confidential'], default: 'anonymous' },
    strata: {
      variables: { type: [String], default: [] },
      cells: { type: [cellSchema], default: [] },
    },
    whenFull: { type: String, enum: ['accept-and-flag', 'refuse'], default: 'accept-and-flag' },
    population: { type: Schema.Types.Mixed },
  },
  { timestamps: true, minimize: false },
);

/**
 * Bumped after every write through the Campaign model, so this process's short cache of campaigns
 * (campaigns/service.ts) drops what it holds at once; other instances see a change within its lifetime.
 */
export const campaignWrites = { count: 0 };
campaignSchema.post(
  ['save', 'updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace', 'deleteOne', 'deleteMany', 'findOneAndDelete'],
  () => void campaignWrites.count++,
);

const stratumCountSchema = new Schema({
  campaign: { type: Schema.Types.ObjectId, required: true },
  /** Canonical key of the cell, e.g. "district=hai-chau|group=residents". */
  key: { type: String, required: true },
  completed: { type: Number, default: 0 },
  /** Completed by local day in the campaign's time zone: {"2023-06-01": 12, …}. */
  days: { type: Schema.Types.Mixed, default: {} },
  /** Token respondents with answers saved on the server, not yet submitted. */
  partial: { type: Number, default: 0 },
}, { minimize: false });
stratumCountSchema.index({ campaign: 1, key: 1 }, { unique: true });

export type CampaignDoc = InferSchemaType<typeof campaignSchema> & { _id: mongoose.Types.ObjectId };

export const Campaign = mongoose.model('Campaign', campaignSchema);
export const StratumCount = mongoose.model('StratumCount', stratumCountSchema);
