/** Midnight at the start of a calendar day (YYYY-MM-DD) in Europe/Amsterdam, CET or CEST as that day has it. */
export function amsterdamMidnight(day: string): Date {
  for (const offset of ['+01:00', '+02:00']) {
    const d = new Date(`${day}T00:00:00${offset}`);
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' }).format(d);
    if (hour === '00') return d;
  }
  return new Date(`${day}T00:00:00+01:00`);
}
