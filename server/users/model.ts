// Staff accounts. Only a scrypt hash of the password is stored (see auth/password.ts).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { ROLES } from '../contract/staff.ts';

const userSchema = new Schema(
  {
    username: { type: String, required: true, unique: true },
    displayName: { type: String },
    /** `scrypt$N$r$p$salt$hash`, never the password. */
    passwordHash: { type: String, required: true },
    roles: { type: [{ type: String, enum: ROLES }], required: true },
    /** For `fieldwork`: the districts this person may work in; empty = all. */
    districts: { type: [String], default: [] },
    disabled: { type: Boolean, default: false },
    lastLoginAt: { type: Date },
  },
  { timestamps: true },
);

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: mongoose.Types.ObjectId };

export const User = mongoose.model('User', userSchema);
