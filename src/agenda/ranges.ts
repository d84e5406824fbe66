/**
 * Parses the item ranges the Office writes in programmes: "1-6", "từ 1-6", "7, 8", "10, 11, 12",
 * "1 đến 6", "1–3, 5". Returns the sorted, de-duplicated numbers.
 *
 * @example parseItemRange('từ 1-6') // [1, 2, 3, 4, 5, 6]
 * @throws RangeError naming the part that could not be read.
 */
export function parseItemRange(text: string, max = 200): number[] {
  const cleaned = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/^\s*(nội dung|mục|từ)\s*/g, '')
    .replace(/\s*(đến|tới|[–—])\s*/g, '-')
    .replace(/\s+và\s+/g, ',')
    .trim();
  if (!cleaned) throw new RangeError('the range is empty');
  const numbers = new Set<number>();
  for (const part of cleaned.split(/\s*[,;]\s*/)) {
    const m = /^(\d{1,4})(?:\s*-\s*(\d{1,4}))?$/.exec(part);
    if (!m) throw new RangeError(`cannot read '${part}': use numbers and ranges like "1-6" or "7, 8"`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from < 1) throw new RangeError(`item numbers start at 1 ('${part}')`);
    if (to < from) throw new RangeError(`'${part}' runs backwards`);
    if (to > max) throw new RangeError(`'${part}' goes past ${max}`);
    for (let n = from; n <= to; n++) numbers.add(n);
  }
  return [...numbers].sort((a, b) => a - b);
}

/**
 * Writes numbers back the way the Office does: consecutive runs of three or more as "1-6",
 * others listed: [1,2,3,4,5,6] → "1-6"; [7,8] → "7, 8"; [10,11,12] → "10-12".
 */
export function formatItemRange(numbers: number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}-${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(', ');
}
