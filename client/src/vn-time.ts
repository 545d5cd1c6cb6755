// Đà Nẵng's calendar and clock (Asia/Ho_Chi_Minh, UTC+7 all year) for any page, whatever the device's own
// time zone says: the parts of an instant as shown in Viet Nam.
const format = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** {day, month, year, hour, minute} of an instant in Đà Nẵng, each two digits (year four). */
export function vnParts(date: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
}
