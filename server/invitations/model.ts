// Invitations: single-use tokens, one per respondent, each tied to a stratum cell. Only the token's
// sha256 is stored (as _id): the token itself exists once, in the reply that created it.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const invitationSchema = new Schema(
  {
    _id: { type: String },
    campaign: { type: Schema.Types.ObjectId, required: true },
    /** Printed under the QR code for distribution ("K7QD-012"); not a secret, cannot submit. */
    code: { type: String, required: true },
    batch: { type: String, required: true },
    stratum: { type: Schema.Types.Mixed, default: {} },
    stratumKey: { type: String, default: '' },
    status: { type: String, enum: ['new', 'used', 'revoked'], default: 'new' },
    createdAt: { type: Date, required: true },
    createdBy: { type: String },
    /** Confidential campaigns only: when it was used and by which response. Anonymous ones keep neither. */
    usedAt: Date,
    response: String,
    /** Answers saved so far by a token respondent, to resume on any device; removed on submission. */
    partial: { answers: Schema.Types.Mixed, pageNo: Number, savedAt: Date },
  },
  { versionKey: false },
);
invitationSchema.index({ campaign: 1, code: 1 }, { unique: true });
invitationSchema.index({ campaign: 1, batch: 1 });

export type InvitationDoc = InferSchemaType<typeof invitationSchema> & { _id: string };
export const Invitation = mongoose.model('Invitation', invitationSchema);
