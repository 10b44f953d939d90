import { compareNatural } from "@maskport/core";
import type { FidelityReport } from "./fidelity-report.ts";
import { formatIou } from "./report.ts";

/**
 * The report as one self-contained HTML page: inline CSS and a few lines of inline JS (table
 * sorting), thumbnails as `data:` URIs, and a Content-Security-Policy that forbids any network
 * access. Every piece of user data (ids, label names, messages) is escaped. Images are listed
 * in natural order of their ids (Y2 before Y10); an inexact cell is coloured by its IoU.
 */
export function renderReportHtml(report: FidelityReport): string {
  const { summary } = report;
  const formats = report.formats;
  const iouCell = (iou: number | undefined): string => (iou === undefined ? `<td class="num" data-value="">–</td>` : `<td class="num${iouClass(iou)}" data-value="${iou}">${formatIou(iou)}</td>`);
  const images = [...report.images].sort((a, b) => compareNatural(a.id, b.id));
  const numCell = (value: number | undefined): string => `<td class="num" data-value="${value ?? ""}">${value ?? "–"}</td>`;

  const labelRows = Object.entries(summary.instancesPerLabel)
    .map(([name, count]) => `<tr><td>${escapeHtml(name)}</td><td class="num" data-label-count="${escapeHtml(name)}">${count}</td></tr>`)
    .join("");
  const formatRows = summary.formats
    .map(
      (f) =>
        `<tr data-format="${escapeHtml(f.format)}"><td>${escapeHtml(f.format)}</td><td class="num" data-key="instances">${f.instances}</td><td class="num" data-key="exact">${f.exact}</td><td class="num${f.lossy > 0 ? " lossy" : ""}" data-key="lossy">${f.lossy}</td><td class="num" data-key="lost">${f.lost}</td><td class="num" data-key="added">${f.added}</td><td class="num${iouClass(f.worstIou)}" data-key="worst-iou">${formatIou(f.worstIou)}</td></tr>`,
    )
    .join("");
  const instanceHeader = formats
    .map((format) => {
      const f = escapeHtml(format);
      return `<th data-sort="text">${f} encoding</th><th data-sort="number">${f} lost</th><th data-sort="number">${f} added</th><th data-sort="number" data-iou="${f}">${f} IoU</th>`;
    })
    .join("");
  const instanceRows = images
    .flatMap((image) =>
      image.instances.map((instance) => {
        const cells = formats
          .map((format) => {
            const f = instance.formats[format];
            return `<td data-value="${escapeHtml(f?.encoding ?? "")}">${escapeHtml(f?.encoding ?? "not written")}</td>${numCell(f?.lost)}${numCell(f?.added)}${iouCell(f?.iou)}`;
          })
          .join("");
        return `<tr><td data-value="${escapeHtml(image.id)}"><a href="#image-${escapeHtml(anchor(image.id))}">${escapeHtml(image.id)}</a></td>${numCell(instance.instanceId)}<td data-value="${escapeHtml(instance.label)}">${escapeHtml(instance.label)}</td>${numCell(instance.area)}${cells}</tr>`;
      }),
    )
    .join("\n");
  const missing = images.filter((image) => image.thumbnail === undefined).length;
  const gallery = images
    .map(
      (image) =>
        `<figure id="image-${escapeHtml(anchor(image.id))}">${image.thumbnail === undefined ? "" : `<img src="${escapeHtml(image.thumbnail)}" alt="${escapeHtml(image.id)}">`}<figcaption><b>${escapeHtml(image.id)}</b> <span class="dim">${image.width}×${image.height}, ${escapeHtml(image.subset)}, ${image.instances.length} instance${image.instances.length === 1 ? "" : "s"}</span>${image.warnings.map((w) => `<div class="warn">${escapeHtml(w)}</div>`).join("")}</figcaption></figure>`,
    )
    .join("\n");

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>maskport fidelity report: ${escapeHtml(report.input)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 2px 6px; vertical-align: top; }
th[data-sort] { cursor: pointer; background: #f2f2f2; user-select: none; }
th[aria-sort="ascending"]::after { content: " ▲"; } th[aria-sort="descending"]::after { content: " ▼"; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.lossy { background: #fff1c2; } .dim { color: #777; } .warn { color: #8a4b00; font-size: 12px; }
.iou-high { background: #fff1c2; } .iou-mid { background: #ffd08a; } .iou-low { background: #ff9b7a; } .iou-bad { background: #e0403a; color: #fff; }
.swatch { display: inline-block; padding: 0 6px; margin-right: 4px; border: 1px solid #ccc; }
#summary dd { display: inline; margin: 0 1.5em 0 0.3em; font-weight: bold; } #summary dt { display: inline; }
figure { display: inline-block; margin: 0 1em 1em 0; width: 170px; vertical-align: top; } figure img { image-rendering: pixelated; display: block; }
</style>
</head>
<body>
<h1>maskport fidelity report</h1>
<p class="dim">${escapeHtml(report.input)} (read as ${escapeHtml(report.from)}) → ${formats.map(escapeHtml).join(", ")}. Lost: source pixels missing after the format's own decoding; added: pixels it decodes that the source did not have.</p>
<dl id="summary"><dt>images</dt><dd data-key="images">${summary.images}</dd><dt>instances</dt><dd data-key="instances">${summary.instances}</dd><dt>warnings</dt><dd data-key="warnings">${summary.warnings}</dd></dl>
<h2>Instances per label</h2>
<table id="labels"><thead><tr><th>label</th><th>instances</th></tr></thead><tbody>${labelRows}</tbody></table>
<h2>Per format</h2>
<table id="formats"><thead><tr><th>format</th><th>instances</th><th>exact</th><th>lossy</th><th>px lost</th><th>px added</th><th>worst IoU</th></tr></thead><tbody>${formatRows}</tbody></table>
${report.warnings.length === 0 ? "" : `<h2>Warnings</h2>${report.warnings.map((w) => `<div class="warn">${escapeHtml(w)}</div>`).join("")}`}
<h2>Instances</h2>
<p class="dim">Click a column header to sort (again to reverse). IoU of an inexact instance: <span class="swatch iou-high">≥ ${IOU_STEPS[0]}</span><span class="swatch iou-mid">≥ ${IOU_STEPS[1]}</span><span class="swatch iou-low">≥ ${IOU_STEPS[2]}</span><span class="swatch iou-bad">&lt; ${IOU_STEPS[2]}</span></p>
<table id="instances"><thead><tr><th data-sort="text">image</th><th data-sort="number">instance</th><th data-sort="text">label</th><th data-sort="number">area (px)</th>${instanceHeader}</tr></thead>
<tbody>
${instanceRows}
</tbody></table>
<h2>Images</h2>
${missing === 0 ? "" : `<p class="dim">${missing} image${missing === 1 ? " has" : "s have"} no thumbnail (at most ${report.images.length - missing} are inlined); run maskport preview for every image.</p>`}
${gallery}
<script>
for (const th of document.querySelectorAll("#instances th[data-sort]")) {
  th.addEventListener("click", () => {
    const column = th.cellIndex, numeric = th.dataset.sort === "number";
    const direction = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    for (const other of th.parentNode.children) other.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", direction === 1 ? "ascending" : "descending");
    const body = document.querySelector("#instances tbody");
    const key = (row) => row.cells[column].dataset.value ?? row.cells[column].textContent;
    const rows = [...body.rows].sort((a, b) => {
      const x = key(a), y = key(b);
      if (numeric) {
        const p = x === "" ? Infinity : Number(x), q = y === "" ? Infinity : Number(y);
        return (p === q ? 0 : p < q ? -1 : 1) * direction;
      }
      return x.localeCompare(y, "en", { numeric: true }) * direction;
    });
    body.append(...rows);
  });
}
</script>
</body>
</html>
`;
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

// --- internal ---

/** IoU bounds of the cell colours: a speck that kept 1 of 3 pixels (IoU 0.33) is red, not pale like 0.96. */
const IOU_STEPS = [0.95, 0.8, 0.5] as const;

/** The class (with its leading space) that colours an IoU cell; none for an exact 1. */
function iouClass(iou: number): string {
  if (iou >= 1) return "";
  if (iou >= IOU_STEPS[0]) return " iou-high";
  if (iou >= IOU_STEPS[1]) return " iou-mid";
  if (iou >= IOU_STEPS[2]) return " iou-low";
  return " iou-bad";
}

/** A fragment id from a sample id: letters, digits, `-` and `_` kept, anything else `_hex_`. */
function anchor(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, (char) => `_${char.codePointAt(0)!.toString(16)}_`);
}
