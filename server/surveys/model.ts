// Questionnaires: the editable draft (Survey) and its immutable published versions (SurveyVersion).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const surveySchema = new Schema(
  {
    /** Stable short name, e.g. the folder name under surveys/ it was loaded from. */
    key: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    draft: { type: Schema.Types.Mixed, required: true },
    languages: { type: [String], default: ['vi', 'en'] },
    latestVersion: { type: Number, default: 0 },
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
  },
  { minimize: false },
);
surveyVersionSchema.index({ survey: 1, number: 1 }, { unique: true });

export type SurveyDoc = InferSchemaType<typeof surveySchema> & { _id: mongoose.Types.ObjectId };
export type SurveyVersionDoc = InferSchemaType<typeof surveyVersionSchema> & { _id: mongoose.Types.ObjectId };

export const Survey = mongoose.model('Survey', surveySchema);
export const SurveyVersion = mongoose.model('SurveyVersion', surveyVersionSchema);
