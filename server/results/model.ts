// Per-campaign review state for results: which responses analysts excluded, and a revision bumped on
// every change so that each instance's results cache sees it with one point lookup (unique campaign).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const resultsStateSchema = new Schema(
  {
    campaign: { type: Schema.Types.ObjectId, required: true, unique: true },
    revision: { type: Number, default: 0 },
    /** Ids of excluded responses (each response also carries `excluded: {reason, by, at}`). */
    excluded: { type: [String], default: [] },
  },
  { minimize: false, versionKey: false },
);

export type ResultsStateDoc = InferSchemaType<typeof resultsStateSchema> & { _id: mongoose.Types.ObjectId };
export const ResultsState = mongoose.model('ResultsState', resultsStateSchema);
