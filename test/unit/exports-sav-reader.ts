// A minimal SPSS system-file reader for the tests, written from PSPP's description of the format and
// independent of the writer's code: little-endian, bytecode-compressed files only. Enough to check
// what an analyst would see: names, labels, value labels, missing codes, levels, the weight and values.

export interface ReadVariable {
  short: string;
  name: string;
  /** 0 for numbers, the width in bytes for strings. */
  width: number;
  label: string | null;
  missing: number[];
  print: number;
  valueLabels: Map<number | string, string>;
  measure?: number;
  /** 1-based slot of the variable's first 8 bytes. */
  slot: number;
}

export interface ReadFile {
  header: { magic: string; layout: number; slots: number; compression: number; weightIndex: number; cases: number; bias: number; label: string };
  variables: ReadVariable[];
  encoding: string | null;
  /** Document lines (record type 6). */
  documents: string[];
  characterCode: number | null;
  /** Decoded cases: numbers (null for system-missing) and strings (trailing spaces removed, '' → null). */
  rows: (number | string | null)[][];
  /** Byte offset where the compressed data begins. */
  dataStart: number;
}

const SYSMIS = -Number.MAX_VALUE;

export function readSav(buf: Buffer): ReadFile {
  let p = 0;
  const i32 = () => ((p += 4), buf.readInt32LE(p - 4));
  const f64 = () => ((p += 8), buf.readDoubleLE(p - 8));
  const bytes = (n: number) => ((p += n), buf.subarray(p - n, p));
  const header = {
    magic: bytes(4).toString('latin1'),
    label: '',
    ...((() => {
      bytes(60);
      return { layout: i32(), slots: i32(), compression: i32(), weightIndex: i32(), cases: i32(), bias: f64() };
    })()),
  };
  bytes(17);
  header.label = bytes(64).toString('utf8').trimEnd();
  bytes(3);

  // Each slot: its variable (segments and continuation records belong to the variable before them).
  const segments: { short: string; width: number }[] = [];
  const variables: ReadVariable[] = [];
  let slot = 0;
  let encoding: string | null = null;
  let characterCode: number | null = null;
  const longNames = new Map<string, string>();
  const veryLong = new Map<string, number>();
  let display: number[] = [];
  let pendingLabels: Map<number | string, string> | null = null;
  let raw: Buffer[] = [];
  const documents: string[] = [];
  for (;;) {
    const type = i32();
    if (type === 2) {
      slot++;
      const width = i32();
      const hasLabel = i32();
      const nMissing = i32();
      const print = i32();
      i32();
      const short = bytes(8).toString('latin1').trimEnd();
      const label = hasLabel ? (() => { const n = i32(); const s = bytes(n).toString('utf8'); bytes((4 - (n % 4)) % 4); return s; })() : null;
      const missing = Array.from({ length: Math.abs(nMissing) }, () => f64());
      if (width === -1) continue;
      segments.push({ short, width });
      variables.push({ short, name: short, width, label, missing, print, valueLabels: new Map(), slot });
    } else if (type === 3) {
      const n = i32();
      raw = [];
      const labels: string[] = [];
      for (let k = 0; k < n; k++) {
        raw.push(Buffer.from(bytes(8)));
        const len = buf[p];
        bytes(1);
        labels.push(bytes(len).toString('utf8'));
        bytes(Math.ceil((len + 1) / 8) * 8 - 1 - len);
      }
      pendingLabels = new Map(labels.map((l, k) => [k, l]));
    } else if (type === 4) {
      const n = i32();
      for (let k = 0; k < n; k++) {
        const index = i32();
        const v = variables.find((x) => x.slot === index)!;
        raw.forEach((r, j) => v.valueLabels.set(v.width ? r.toString('utf8').trimEnd() : r.readDoubleLE(0), pendingLabels!.get(j)!));
      }
    } else if (type === 6) {
      const n = i32();
      for (let k = 0; k < n; k++) documents.push(bytes(80).toString('utf8').trimEnd());
    } else if (type === 7) {
      const subtype = i32();
      const size = i32();
      const count = i32();
      const body = bytes(size * count);
      if (subtype === 3) characterCode = body.readInt32LE(28);
      if (subtype === 20) encoding = body.toString('latin1');
      if (subtype === 11) display = Array.from({ length: count }, (_, k) => body.readInt32LE(4 * k));
      if (subtype === 13) for (const pair of body.toString('utf8').split('\t')) longNames.set(pair.split('=')[0], pair.split('=')[1]);
      if (subtype === 14)
        for (const pair of body.toString('utf8').split('\0\t').filter(Boolean)) veryLong.set(pair.split('=')[0], Number(pair.split('=')[1]));
      if (subtype === 21) {
        let q = 0;
        const r32 = () => ((q += 4), body.readInt32LE(q - 4));
        while (q < body.length) {
          const nameLength = r32();
          const name = body.subarray(q, q + nameLength).toString('utf8');
          q += nameLength;
          r32(); // width
          const n = r32();
          const v = variables.find((x) => (longNames.get(x.short) ?? x.short) === name)!;
          for (let k = 0; k < n; k++) {
            const vl = r32();
            const value = body.subarray(q, q + vl).toString('utf8').trimEnd();
            q += vl;
            const ll = r32();
            v.valueLabels.set(value, body.subarray(q, q + ll).toString('utf8'));
            q += ll;
          }
        }
      }
    } else if (type === 999) {
      i32();
      break;
    } else throw new Error(`unexpected record type ${type} at ${p - 4}`);
  }
  const dataStart = p;

  // Join very long strings' segments into one variable; measure from 7/11 (one triple per segment).
  const joined: ReadVariable[] = [];
  const slotsOf = (w: number) => (w === 0 ? 1 : Math.ceil(w / 8));
  for (let k = 0, seg = 0; k < variables.length; k++, seg++) {
    const v = variables[k];
    v.measure = display[3 * seg];
    v.name = longNames.get(v.short) ?? v.short;
    const total = veryLong.get(v.short);
    if (total) {
      const n = Math.ceil(total / 252);
      k += n - 1;
      seg += n - 1;
      v.width = total;
    }
    joined.push(v);
  }

  // Decode the bytecode: each 8 control bytes, then the raw slots they announce.
  const slotValues: (number | Buffer)[] = [];
  let q = dataStart;
  outer: while (q + 8 <= buf.length) {
    const ctrl = buf.subarray(q, q + 8);
    q += 8;
    for (const c of ctrl) {
      if (c === 0) continue;
      if (c === 252) break outer;
      if (c === 253) slotValues.push(buf.subarray(q, (q += 8)));
      else if (c === 254) slotValues.push(Buffer.from('        '));
      else if (c === 255) slotValues.push(SYSMIS);
      else slotValues.push(c - header.bias);
    }
  }
  const perCase = segments.reduce((s, x) => s + slotsOf(x.width), 0);
  const rows: (number | string | null)[][] = [];
  for (let at = 0; at + perCase <= slotValues.length; at += perCase) {
    const row: (number | string | null)[] = [];
    let s = at;
    for (const v of joined) {
      if (v.width === 0) {
        const x = slotValues[s++];
        const n = typeof x === 'number' ? x : x.readDoubleLE(0);
        row.push(n === SYSMIS ? null : n);
        continue;
      }
      const nSeg = v.width > 255 ? Math.ceil(v.width / 252) : 1;
      const parts: Buffer[] = [];
      for (let g = 0; g < nSeg; g++) {
        const w = nSeg === 1 ? v.width : g < nSeg - 1 ? 255 : v.width - (nSeg - 1) * 252;
        const chunk = Buffer.concat(slotValues.slice(s, s + slotsOf(w)) as Buffer[]);
        s += slotsOf(w);
        parts.push(chunk.subarray(0, Math.min(w, 255)));
      }
      const text = Buffer.concat(parts).toString('utf8').trimEnd();
      row.push(text === '' ? null : text);
    }
    rows.push(row);
  }
  return { header, variables: joined, encoding, characterCode, documents, rows, dataStart };
}
