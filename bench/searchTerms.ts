// Realistic family searches for the load harness: names as a worker might
// type them, with the surname misspelt, over many different people.

/** One plausible misspelling of a name: a doubled letter single, Mac as Mc, a vowel changed… */
export function misspell(name: string, variant: number): string {
  const lower = name.toLowerCase();
  const options: string[] = [];
  const doubled = /([a-z])\1/.exec(lower);
  if (doubled) options.push(lower.slice(0, doubled.index) + lower.slice(doubled.index + 1));
  if (lower.startsWith('mac')) options.push(`mc${lower.slice(3)}`);
  else if (lower.startsWith('mc')) options.push(`mac${lower.slice(2)}`);
  if (lower.includes('ie')) options.push(lower.replace('ie', 'ei'));
  const vowel = /[aeiou](?=[^aeiou]*$)/.exec(lower.slice(1));
  if (vowel) {
    const at = vowel.index + 1;
    const swap = lower[at] === 'e' ? 'a' : 'e';
    options.push(lower.slice(0, at) + swap + lower.slice(at + 1));
  }
  if (/[^aeiou]$/.test(lower) && lower.length > 4) options.push(lower.slice(0, -1));
  const chosen = options.length ? (options[variant % options.length] as string) : `${lower}e`;
  return chosen.charAt(0).toUpperCase() + chosen.slice(1);
}

export interface SearchPerson {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  postcode: string | null;
}

/**
 * Search paths for /practice/search, one per person: mostly a first name and
 * a misspelt surname; some a misspelt surname with a date of birth; some a
 * first name with a postcode.
 */
export function searchPaths(people: SearchPerson[]): string[] {
  return people.map((p, i) => {
    const surname = misspell(p.familyName, i);
    const params = new URLSearchParams();
    if (i % 5 === 3 && p.dateOfBirth) {
      const [year, month, day] = p.dateOfBirth.split('-');
      params.set('name', surname);
      params.set('dateOfBirth-day', String(Number(day)));
      params.set('dateOfBirth-month', String(Number(month)));
      params.set('dateOfBirth-year', year as string);
    } else if (i % 5 === 4 && p.postcode) {
      params.set('name', p.givenName);
      params.set('postcode', p.postcode.toLowerCase().replace(' ', ''));
    } else {
      params.set('name', `${p.givenName} ${surname}`);
    }
    return `/practice/search?${params.toString()}`;
  });
}
