// TEMPORARY stand-ins for the @maskport/core APIs being added (FileSource, blobFileSource,
// maskImporter at the root entry, convertTargets); removed once they land.
import type { Diagnostic, Importer, OutputFile, PipelineStage, Spool } from "@maskport/core";

export interface FileSource {
  kind(path: string): Promise<"file" | "folder" | undefined>;
  list(dir: string): AsyncIterable<{ name: string; kind: string; linked: boolean }>;
  folderKey(dir: string): Promise<string | undefined>;
  read(path: string, length?: number): Promise<Uint8Array>;
  show(path: string): string;
}

export function blobFileSource(_files: Iterable<{ path: string; blob: Blob }>): FileSource {
  throw new Error("blobFileSource is not in @maskport/core yet");
}

export const maskImporter = undefined as unknown as Importer<any> & { detect(input: string, files: FileSource): Promise<boolean> };

export interface FidelitySummary {
  readonly instances: number;
  readonly exact: number;
  readonly lossy: number;
  readonly worstIou: number;
}

export interface ConvertTargetsOptions<R> {
  readonly stage: PipelineStage;
  readonly window?: number;
  spool(): Spool;
  readonly signal?: AbortSignal;
  report(diagnostic: Diagnostic): void;
  onSample?(done: number): void;
  sink(target: number, files: AsyncIterable<OutputFile>): Promise<R>;
}

export async function convertTargets<R>(_options: ConvertTargetsOptions<R>): Promise<{ samples: number; fidelity: FidelitySummary[]; written: R[] }> {
  throw new Error("convertTargets is not in @maskport/core yet");
}
