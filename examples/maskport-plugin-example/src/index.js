// @ts-check
/**
 * maskport-plugin-bbox-csv: an exporter that writes one CSV with a row per instance
 * (image, subset, label, instance id, bounding box in pixels, pixel area).
 *
 * Plain ESM JavaScript so it runs without a build; the JSDoc types come from
 * `@maskport/core` and are checked by `tsc --checkJs`. A TypeScript plugin looks the same
 * with the types written inline, built to JavaScript before publishing.
 */

/**
 * @typedef {object} BboxCsvOptions
 * @property {"comma" | "semicolon" | "tab"} separator  Column separator.
 * @property {boolean} header  Whether the first line names the columns.
 * @property {string} file  Output file name, relative to the output folder.
 */

/**
 * One row per written instance, plus the fidelity every fragment carries. Plain data,
 * because `encodeSample` may run in a worker thread.
 * @typedef {object} BboxRow
 * @property {number} instanceId
 * @property {string} label
 * @property {number} x
 * @property {number} y
 * @property {number} width
 * @property {number} height
 * @property {number} area
 * @typedef {import("@maskport/core").FragmentBase & { readonly rows: readonly BboxRow[] }} BboxFragment
 */

const SEPARATORS = { comma: ",", semicolon: ";", tab: "\t" };
const COLUMNS = ["image", "subset", "image_width", "image_height", "label", "instance", "x", "y", "width", "height", "area"];

/** @type {import("@maskport/core").Exporter<BboxCsvOptions, BboxFragment>} */
const bboxCsv = {
  apiVersion: 1,
  kind: "exporter",
  name: "bbox-csv",
  description: "One CSV of instance bounding boxes (pixels; x, y = top-left pixel).",
  options: {
    separator: { description: "column separator", default: "comma", choices: ["comma", "semicolon", "tab"] },
    header: { description: "write a header line", default: true },
    file: { description: "output file name", default: "bboxes.csv" },
  },

  // Per sample, pure: may run in a worker. A box is a lossy shape: fidelity says how lossy.
  encodeSample(sample, _options, context) {
    /** @type {BboxRow[]} */
    const rows = [];
    /** @type {import("@maskport/core").InstanceFidelity[]} */
    const fidelity = [];
    for (const instance of sample.instances) {
      if (instance.area === 0) {
        context.report({ severity: "warning", code: "INSTANCE_DROPPED", instanceId: instance.instanceId, message: "empty instance (area 0) has no box" });
        continue;
      }
      const { x, y, width, height } = instance.bbox;
      const label = context.labelmap.labels.find((candidate) => candidate.id === instance.label)?.name ?? String(instance.label);
      rows.push({ instanceId: instance.instanceId, label, x, y, width, height, area: instance.area });
      // Filling the box loses nothing and adds every box pixel outside the mask.
      const added = width * height - instance.area;
      fidelity.push({ instanceId: instance.instanceId, label: instance.label, area: instance.area, encoding: "bbox", lost: 0, added, iou: instance.area / (instance.area + added) });
    }
    return { rows, fidelity };
  },

  // Sequential framing: streams the CSV as fragments arrive, in input order.
  async *write(input, options) {
    const separator = SEPARATORS[options.separator];
    async function* lines() {
      if (options.header) yield `${COLUMNS.join(separator)}\n`;
      for await (const { sample, fragment } of input.fragments) {
        for (const row of fragment.rows) {
          const cells = [sample.id, sample.subset, sample.width, sample.height, row.label, row.instanceId, row.x, row.y, row.width, row.height, row.area];
          yield `${cells.map((cell) => quote(String(cell), separator)).join(separator)}\n`;
        }
      }
    }
    yield { path: options.file, contents: lines() };
  },
};

export default bboxCsv;

// --- internal ---

/**
 * RFC 4180 quoting: a cell holding the separator, a quote or a line break is wrapped in
 * quotes with inner quotes doubled.
 * @param {string} cell
 * @param {string} separator
 */
function quote(cell, separator) {
  return cell.includes(separator) || /["\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
