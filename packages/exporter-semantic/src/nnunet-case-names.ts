/** nnU-Net case identifiers made from sample ids: file-name-safe and unique. */
import { MaskportError } from "@maskport/core";
import { safeName } from "./safe-name.ts";

/**
 * Hands out case names (`scans/Y10` → `scans_Y10`) and refuses two samples that would get
 * the same one (nnU-Net pairs images and labels by name alone).
 */
export class CaseNames {
  readonly #taken = new Map<string, string>();

  /**
   * The case name of `sampleId`.
   * @throws MaskportError ID_COLLISION naming both sample ids
   */
  caseOf(sampleId: string): string {
    const name = safeName(sampleId);
    const other = this.#taken.get(name);
    if (other !== undefined) {
      throw new MaskportError("ID_COLLISION", `samples "${other}" and "${sampleId}" would both be nnU-Net case "${name}"`, {
        sampleId,
        plugin: "nnunet",
        hint: "Case names keep letters, digits, '.', '_' and '-' and turn everything else into '_': rename one of the samples.",
      });
    }
    this.#taken.set(name, sampleId);
    return name;
  }
}
