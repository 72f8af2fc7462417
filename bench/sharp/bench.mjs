// sharp (Node.js; libvips + mozjpeg's libjpeg-turbo) in the same protocol as bench/harness.py:
// bytes in memory -> resize -> encoded bytes, one operation at a time, one libvips thread.
//
//   (cd bench/sharp && npm ci)      # once: sharp and its prebuilt libvips, from the npm registry
//   node bench/sharp/bench.mjs [seconds=5] [rounds=3] [WORKLOAD,...] [SET,...]
//
// Run from the repository root. Prints one JSON object per line, like python_cv2.py and vips.py.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";

// One libvips worker thread and no operation cache, so every image is decoded afresh and the
// figure compares with the single-threaded Python and Java loops.
sharp.concurrency(1);
sharp.cache(false);

const ROOT = "native-test-images";
const jpegs = (dir) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith(".jpg")).sort()
  .map((f) => readFileSync(join(ROOT, dir, f)));
const SETS = {
  photos: jpegs("orientation/exif-orientation-examples"),
  large: jpegs("large/exifr"),
};

// The same three workloads as the Python scripts. rotate() with no angle applies EXIF orientation,
// as imbytes does by default; resize() uses sharp's default kernel (lanczos3) and shrinks on load.
const WORKLOADS = {
  SEED: (input) => sharp(input).rotate().resize(500, 500, { fit: "fill" }).jpeg({ quality: 95 }).toBuffer(),
  THUMBNAIL: (input) => sharp(input).rotate().resize(256, 256, { fit: "inside" }).jpeg({ quality: 85 }).toBuffer(),
  PNG: (input) => sharp(input).rotate().resize(1024, 1024, { fit: "inside" }).png({ compressionLevel: 6 }).toBuffer(),
};

async function measure(jobs, seconds) {
  for (const job of jobs) await job();
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  for (;;) {
    await jobs[n % jobs.length]();
    n++;
    const now = performance.now();
    if (now >= end) return (n * 1000) / (now - start);
  }
}

const [seconds = "5", rounds = "3", workloads, sets] = process.argv.slice(2);
const onlyWorkloads = workloads ? workloads.split(",") : Object.keys(WORKLOADS);
const onlySets = sets ? sets.split(",") : Object.keys(SETS);
console.log(JSON.stringify({ info: `sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, node ${process.versions.node}, concurrency ${sharp.concurrency()}` }));
for (let round = 1; round <= Number(rounds); round++) {
  for (const [workload, convert] of Object.entries(WORKLOADS)) {
    if (!onlyWorkloads.includes(workload)) continue;
    for (const [set, images] of Object.entries(SETS)) {
      if (!onlySets.includes(set)) continue;
      const rate = await measure(images.map((input) => () => convert(input)), Number(seconds));
      console.log(JSON.stringify({ lib: "sharp", workload, set, round, imagesPerSec: Math.round(rate * 100) / 100 }));
    }
  }
}
