// The audit log: who did what to which object, when, from where. Written once, never changed.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const auditEventSchema = new Schema(
  {
    at: { type: Date, required: true },
    /** Username of the staff member, or null (a failed login, the command line). */
    actor: { type: String, default: null },
    action: { type: String, required: true },
    object: {
      type: { type: String, required: true },
      id: { type: String },
      label: { type: String },
    },
    ip: { type: String, default: '' },
    details: { type: Schema.Types.Mixed },
  },
  { versionKey: false, minimize: true },
);
auditEventSchema.index({ at: -1 });

export type AuditEventDoc = InferSchemaType<typeof auditEventSchema> & { _id: mongoose.Types.ObjectId };

export const AuditEvent = mongoose.model('AuditEvent', auditEventSchema);
