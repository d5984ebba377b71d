// Dates and times as people in Scotland read them (Europe/London), for the
// contact form: a typed time of day, and a UK date and time as an instant.

export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** Reads "14:30", "14.30", "9:05", "2:30pm", "2pm" or "1430"; undefined when it is not a real time. */
export function parseTimeOfDay(text: string): TimeOfDay | undefined {
  const value = text.trim().toLowerCase().replace(/\s+/g, '');
  const match = /^(\d{1,2})(?:[:.]?(\d{2}))?(am|pm)?$/.exec(value);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const half = match[3];
  if (match[2] === undefined && !half) return undefined;
  if (minute > 59) return undefined;
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (hour > 23) return undefined;
  return { hour, minute };
}

// Made once: building an Intl formatter is costly.
const ukParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** The UK wall-clock date ("2026-03-29") and time ("14:05") of an instant. */
export function ukDateAndTime(at: Date): { date: string; time: string } {
  const parts = Object.fromEntries(ukParts.formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

function ukOffsetMinutes(at: Date): number {
  const { date, time } = ukDateAndTime(at);
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant of a UK date (ISO) and time of day, in GMT or BST as it was on that day. */
export function ukInstant(isoDate: string, time: TimeOfDay): Date {
  const wall = Date.parse(`${isoDate}T00:00:00Z`) + (time.hour * 60 + time.minute) * 60_000;
  const first = new Date(wall - ukOffsetMinutes(new Date(wall)) * 60_000);
  return new Date(wall - ukOffsetMinutes(first) * 60_000);
}
