import { describe, expect, it } from "vitest";
import type { FidelityReport, ReportImage } from "../src/fidelity-report.ts";
import { renderReportHtml } from "../src/report-html.ts";

const image = (id: string, iou: number): ReportImage => ({
  id,
  subset: "default",
  width: 8,
  height: 8,
  instances: [{ instanceId: 1, labelId: 1, label: "tumor", area: 3, formats: { yolo: { encoding: "polygon", lost: iou === 1 ? 0 : 2, added: 0, iou } }, warnings: [`LOSSY_ENCODING: instance 1 of ${id}`] }],
  warnings: [],
});

const report: FidelityReport = {
  input: "data",
  from: "mask",
  formats: ["yolo"],
  summary: { images: 4, instances: 4, instancesPerLabel: { tumor: 4 }, formats: [{ format: "yolo", instances: 4, exact: 1, lossy: 3, worstIou: 1 / 3, lost: 6, added: 0 }], warnings: 3 },
  images: [image("Y10", 1), image("Y2", 1 / 3), image("Y1", 0.96), image("Y3", 0.85)],
  warnings: [],
};

describe("renderReportHtml", () => {
  const html = renderReportHtml(report);
  const rows = [...html.matchAll(/<tr><td data-value="([^"]+)">.*?<\/tr>/g)];

  it("lists images in natural order of their ids (Y2 before Y10), in the table and the gallery", () => {
    expect(rows.map((row) => row[1])).toEqual(["Y1", "Y2", "Y3", "Y10"]);
    expect([...html.matchAll(/<figure id="image-([^"]+)"/g)].map((match) => match[1])).toEqual(["Y1", "Y2", "Y3", "Y10"]);
    // Sorting a text column in the page compares numerically too.
    expect(html).toContain('localeCompare(y, "en", { numeric: true })');
  });

  it("colours an inexact IoU cell by its value: a speck that kept 1 of 3 pixels is not the pale shade of 0.96", () => {
    const iouCell = (id: string): string => rows.find((row) => row[1] === id)![0].match(/<td class="num([^"]*)" data-value="[^"]*">[^<]*<\/td><\/tr>$/)![1]!;
    expect(iouCell("Y10")).toBe("");
    expect(iouCell("Y1")).toBe(" iou-high");
    expect(iouCell("Y3")).toBe(" iou-mid");
    expect(iouCell("Y2")).toBe(" iou-bad");
    expect(html).toMatch(/data-key="worst-iou">0\.3333/);
    expect(html).toMatch(/class="num iou-bad" data-key="worst-iou"/);
  });

  it("has no warnings column repeating the lost/added/IoU cells", () => {
    expect(html).not.toMatch(/<th[^>]*>warnings<\/th>/);
    expect(html).not.toContain("LOSSY_ENCODING: instance 1 of");
  });
});
