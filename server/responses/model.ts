// Responses. `_id` is random (not an ObjectId, whose first bytes are a timestamp) so that an anonymous
// response carries no exact arrival time; `{campaign, submissionId}` is unique: the idempotency key.
import { randomUUID } from 'node:crypto';
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const responseSchema = new Schema(
  {
    _id: { type: String, default: () => randomUUID() },
    campaign: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    submissionId: { type: String, required: true },
    answers: { type: Schema.Types.Mixed, required: true },
    /** The stratum attributes (e.g. district, group) copied out of the answers. */
    stratum: { type: Schema.Types.Mixed, default: {} },
    stratumKey: { type: String, default: '' },
    channel: { type: String, enum: ['phone', 'desktop'], required: true },
    locale: { type: String, enum: ['vi', 'en'], default: 'vi' },
    status: { type: String, enum: ['complete', 'partial'], default: 'complete' },
    startedAt: Date,
    completedAt: Date,
    durationSec: Number,
    receivedAt: { type: Date, required: true },
    flags: { type: [String], default: [] },
    /** Confidential token campaigns only: the printed code of the invitation used (never shown to analysts). */
    invitation: { type: String },
  },
  { minimize: false, versionKey: false },
);
responseSchema.index({ campaign: 1, submissionId: 1 }, { unique: true });
// For the results cache's read of what arrived since its last look (MongoDB; the embedded database keeps
// no secondary indexes, and its results cache needs no read for what its own instance stored).
responseSchema.index({ campaign: 1, receivedAt: 1 });

export type SurveyResponseDoc = InferSchemaType<typeof responseSchema>;
export const SurveyResponse = mongoose.model("Response", responseSchema);
