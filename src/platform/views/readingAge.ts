// How hard a page's own words are to read: the Flesch-Kincaid grade of its
// sentences, and the reading age it stands for (a UK reading age is about the
// US school grade plus five). Used by tests to hold public pages to plain English.

/** Syllables in an English word, by the usual vowel-group rule: close, never exact. */
export function syllables(word: string): number {
  const letters = word.toLowerCase().replace(/[^a-z]/g, '');
  if (letters.length === 0) return 0;
  if (letters.length <= 3) return 1;
  // A silent "e" at the end (and "es" or "ed" after a consonant) is not a syllable of its own.
  const spoken = letters.replace(/(?:[^laeiouy]es|[^laeiouytd]ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  return Math.max(1, spoken.match(/[aeiouy]{1,2}/g)?.length ?? 1);
}

export interface Readability {
  sentences: number;
  words: number;
  /** The Flesch-Kincaid grade level. */
  grade: number;
  /** The UK reading age it stands for: the grade plus five. */
  readingAge: number;
}

const wordsOf = (sentence: string) => sentence.split(/\s+/).filter((word) => /[a-z]/i.test(word));

/** The Flesch-Kincaid grade of sentences taken together. */
export function readability(sentences: readonly string[]): Readability {
  const words = sentences.flatMap(wordsOf);
  const count = Math.max(1, words.length);
  const syllableCount = words.reduce((sum, word) => sum + syllables(word), 0);
  const grade = 0.39 * (count / Math.max(1, sentences.length)) + 11.8 * (syllableCount / count) - 15.59;
  return { sentences: sentences.length, words: words.length, grade, readingAge: grade + 5 };
}

const blocks =
  /<(p|h1|h2|h3|legend)\b[^>]*>([\s\S]*?)<\/\1>|<(div|span) class="[^"]*(?:govuk-hint|govuk-error-message|govuk-inset-text)[^"]*"[^>]*>([\s\S]*?)<\/\3>/g;
const entities: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', nbsp: ' ', '#39': "'" };

/**
 * The sentences of a page's prose: its paragraphs, headings, legends, hints, error
 * messages and inset text, of `minimumWords` words or more (labels and list items
 * such as "Group" are names, not sentences a reading score is made for).
 */
export function proseSentences(html: string, minimumWords = 4): string[] {
  const main = /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
  const sentences: string[] = [];
  for (const match of main.matchAll(blocks)) {
    const text = (match[2] ?? match[4] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&(amp|quot|lt|gt|nbsp|#39);/g, (_, name: string) => entities[name] ?? ' ')
      .replace(/\s+/g, ' ')
      .trim();
    for (const sentence of text.split(/(?<=[.!?])\s+/))
      if (wordsOf(sentence).length >= minimumWords) sentences.push(sentence);
  }
  return sentences;
}
