// Review flags: responses an analyst marked for a second look. They stay in every result; a flag is
// one small document per flagged response, so listing a campaign's flags never touches the responses.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const reviewFlagSchema = new Schema(
  {
    campaign: { type: Schema.Types.ObjectId, required: true },
    response: { type: String, required: true },
    reason: { type: String, required: true },
    by: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
reviewFlagSchema.index({ campaign: 1, response: 1 }, { unique: true });
// The embedded database uses an index only for a query naming exactly its keys: this one lists a campaign's flags.
reviewFlagSchema.index({ campaign: 1 });

export type ReviewFlagDoc = InferSchemaType<typeof reviewFlagSchema>;
export const ReviewFlag = mongoose.model('ReviewFlag', reviewFlagSchema);
