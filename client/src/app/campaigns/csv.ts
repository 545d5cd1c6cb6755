// The one-time invitation list as a CSV file made in the browser: UTF-8 with a byte order mark so Excel
// shows Vietnamese correctly, CRLF lines, fields quoted when needed.
export interface IssuedInvitation {
  code: string;
  url: string;
  token: string;
}

const quote = (value: string) => (/[",\r\n;]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function invitationsCsv(invitations: IssuedInvitation[], stratum: string): string {
  const lines = [['code', 'stratum', 'url'], ...invitations.map((inv) => [inv.code, stratum, inv.url])];
  return `\uFEFF${lines.map((line) => line.map(quote).join(',')).join('\r\n')}\r\n`;
}

/** Hands a text to the browser as a file download. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the address goes away.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
