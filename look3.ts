import fs from 'node:fs';
import { unzlibSync } from 'fflate';
const d = fs.readFileSync('/tmp/ao/r.pdf');
const text = d.toString('latin1');
const re = /\/Length (\d+)\n\/Filter \/FlateDecode\n>>\nstream\n/g;
let m; let out = '';
while ((m = re.exec(text))) { const start = m.index + m[0].length; const len = Number(m[1]); out += new TextDecoder('latin1').decode(unzlibSync(d.subarray(start, start + len))) + '\n'; }
console.log(out.slice(0, 1500));
