import { FidelityTotals, type Diagnostic, type FidelitySummary, type InstanceFidelity, type Labelmap, type SampleInfo } from "@maskport/core";

/** One instance's fidelity under one format: core's record without the instance's own fields. */
export type FormatFidelity = Pick<InstanceFidelity, "encoding" | "lost" | "added" | "iou">;

/** One instance of the report. */
export interface ReportInstance {
  readonly instanceId: number;
  readonly labelId: number;
  readonly label: string;
  /** Pixels. */
  readonly area: number;
  /** Format name → fidelity; a format that did not write the instance is absent. */
  readonly formats: Readonly<Record<string, FormatFidelity>>;
  readonly warnings: readonly string[];
}

/** One image of the report. */
export interface ReportImage {
  readonly id: string;
  readonly subset: string;
  readonly width: number;
  readonly height: number;
  readonly instances: readonly ReportInstance[];
  /** Warnings about the image that name no instance. */
  readonly warnings: readonly string[];
  /** A PNG thumbnail as a `data:` URI (HTML only; left out of the JSON twin). */
  thumbnail?: string;
}

/** Per-format totals (the CLI summary's figures, without the per-encoding counts). */
export type ReportFormat = { readonly format: string } & Omit<FidelitySummary, "encodings">;

/** The whole report (the JSON twin is exactly this, thumbnails left out). */
export interface FidelityReport {
  readonly input: string;
  readonly from: string;
  readonly formats: readonly string[];
  readonly summary: {
    readonly images: number;
    readonly instances: number;
    /** Label name → instance count, labelmap order. */
    readonly instancesPerLabel: Readonly<Record<string, number>>;
    readonly formats: readonly ReportFormat[];
    readonly warnings: number;
  };
  readonly images: readonly ReportImage[];
  /** Warnings that name no image (dataset-level). */
  readonly warnings: readonly string[];
}

/**
 * Collects what a conversion measured, sample by sample (from `onEncoded` and diagnostics),
 * into a {@link FidelityReport}. Memory: a few numbers per instance.
 */
export class FidelityReportBuilder {
  readonly #formats: readonly string[];
  readonly #images: { info: SampleInfo; records: readonly (readonly InstanceFidelity[])[]; thumbnail: string | undefined }[] = [];
  readonly #diagnostics: Diagnostic[] = [];

  constructor(formats: readonly string[]) {
    this.#formats = formats;
  }

  /** One encoded sample: per-target fidelity records, in target order, and its thumbnail if drawn. */
  addSample(info: SampleInfo, fidelity: readonly (readonly InstanceFidelity[])[], thumbnail?: string): void {
    this.#images.push({ info, records: fidelity, thumbnail });
  }

  addDiagnostic(diagnostic: Diagnostic): void {
    if (diagnostic.severity !== "info") this.#diagnostics.push(diagnostic);
  }

  /** The report; `labelmap` names label ids (the labelmap the exporters saw). */
  build(input: string, from: string, labelmap: Labelmap): FidelityReport {
    const names = new Map(labelmap.labels.map((label) => [label.id, label.name]));
    const perLabel: Record<string, number> = {};
    for (const label of labelmap.labels) if (label.id !== labelmap.backgroundId) perLabel[label.name] = 0;
    const totals = this.#formats.map(() => new FidelityTotals());
    const bySample = new Map<string, Diagnostic[]>();
    const global: string[] = [];
    for (const diagnostic of this.#diagnostics) {
      if (diagnostic.sampleId === undefined) global.push(describe(diagnostic));
      else bySample.set(diagnostic.sampleId, [...(bySample.get(diagnostic.sampleId) ?? []), diagnostic]);
    }
    let instancesTotal = 0;
    const images = this.#images.map(({ info, records, thumbnail }): ReportImage => {
      const instances = new Map<number, { instanceId: number; labelId: number; label: string; area: number; formats: Record<string, FormatFidelity>; warnings: string[] }>();
      records.forEach((list, index) => {
        const total = totals[index]!;
        for (const record of list) {
          let instance = instances.get(record.instanceId);
          if (instance === undefined) {
            instance = { instanceId: record.instanceId, labelId: record.label, label: names.get(record.label) ?? `#${record.label}`, area: record.area, formats: {}, warnings: [] };
            instances.set(record.instanceId, instance);
          }
          instance.formats[this.#formats[index]!] = { encoding: record.encoding, lost: record.lost, added: record.added, iou: record.iou };
          total.add(record);
        }
      });
      const warnings: string[] = [];
      for (const diagnostic of bySample.get(info.id) ?? []) {
        const instance = diagnostic.instanceId === undefined ? undefined : instances.get(diagnostic.instanceId);
        (instance?.warnings ?? warnings).push(describe(diagnostic));
      }
      const sorted = [...instances.values()].sort((a, b) => a.instanceId - b.instanceId);
      for (const instance of sorted) perLabel[instance.label] = (perLabel[instance.label] ?? 0) + 1;
      instancesTotal += sorted.length;
      return { id: info.id, subset: info.subset, width: info.width, height: info.height, instances: sorted, warnings, ...(thumbnail === undefined ? {} : { thumbnail }) };
    });
    return {
      input,
      from,
      formats: this.#formats,
      summary: { images: images.length, instances: instancesTotal, instancesPerLabel: perLabel, formats: totals.map((total, index) => formatTotals(this.#formats[index]!, total)), warnings: this.#diagnostics.length },
      images,
      warnings: global,
    };
  }
}

/** The JSON twin: the report without thumbnails. */
export function reportJson(report: FidelityReport): string {
  return `${JSON.stringify({ ...report, images: report.images.map(({ thumbnail: _thumbnail, ...image }) => image) }, null, 2)}\n`;
}

// --- internal ---

function describe(diagnostic: Diagnostic): string {
  return `${diagnostic.severity}${diagnostic.plugin === undefined ? "" : ` [${diagnostic.plugin}]`}: ${diagnostic.message} (${diagnostic.code})`;
}

function formatTotals(format: string, totals: FidelityTotals): ReportFormat {
  const { encodings: _encodings, ...figures } = totals.summary();
  return { format, ...figures };
}
