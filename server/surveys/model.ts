// Questionnaires: the editable draft (Survey) and its immutable published versions (SurveyVersion).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const surveySchema = new Schema(
  {
    /** Stable short name, e.g. the folder name under surveys/ it was loaded from. */
    key: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    draft: { type: Schema.Types.Mixed, required: true },
    /** Languages the questionnaire promises; empty = the locales its strings use. */
    languages: { type: [String], default: [] },
    latestVersion: { type: Number, default: 0 },
    /** Increases on every saved draft: a save naming an older revision is refused, nothing is overwritten. */
    revision: { type: Number, default: 0 },
    /** sha256 of the draft and of the latest version: differing = unpublished changes. */
    draftHash: { type: String },
    publishedHash: { type: String },
    createdBy: { type: String },
    updatedBy: { type: String },
  },
  { timestamps: true, minimize: false },
);

const surveyVersionSchema = new Schema(
  {
    survey: { type: Schema.Types.ObjectId, ref: 'Survey', required: true },
    number: { type: Number, required: true },
    json: { type: Schema.Types.Mixed, required: true },
    /** sha256 of the canonical JSON: lets anyone check which instrument a result came from. */
    hash: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    publishedBy: { type: String },
  },
  { minimize: false },
);
surveyVersionSchema.index({ survey: 1, number: 1 }, { unique: true });

export type SurveyDoc = InferSchemaType<typeof surveySchema> & { _id: mongoose.Types.ObjectId };
export type SurveyVersionDoc = InferSchemaType<typeof surveyVersionSchema> & { _id: mongoose.Types.ObjectId };

export const Survey = mongoose.model('Survey', surveySchema);
export const SurveyVersion = mongoose.model('SurveyVersion', surveyVersionSchema);
