// A submission id made on the phone, so a retried submission is recognised by the server as the same one.
// crypto.randomUUID exists only in secure contexts (https or localhost); respondents may reach a plain-http
// address on a local network, so fall back on a version-4 uuid built from crypto.getRandomValues.

export function newSubmissionId(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false) {
    try {
      return crypto.randomUUID();
    } catch {
      // Some embedded browsers expose the function but refuse to run it; the fallback below is as good.
    }
  }
  return uuidFromRandomValues();
}

export function uuidFromRandomValues(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
