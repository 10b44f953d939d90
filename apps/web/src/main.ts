// The page: picks folders, starts the worker, shows progress, the summary, errors, the download and previews.
import { FORMATS } from "./format-names.ts";
import { formatBytes, summaryDetails, summaryLine } from "./summary-lines.ts";
import type { ErrorData, PickedFile, WorkerEvent, WorkerRequest, ZipDestination } from "./worker-protocol.ts";

/** Diagnostics listed on the page at most (the count is always shown). */
const MAX_DIAGNOSTICS = 200;

const element = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`#${id} is missing from the page`);
  return found as T;
};
const pickFolder = element<HTMLInputElement>("pick-folder");
const pickImages = element<HTMLInputElement>("pick-images");
const formatsBox = element<HTMLFieldSetElement>("formats");
const convertButton = element<HTMLButtonElement>("convert");
const saveAsButton = element<HTMLButtonElement>("save-as");
const download = element<HTMLAnchorElement>("download");
const progress = element<HTMLProgressElement>("progress");
const progressText = element("progress-text");
const errorBox = element("error");
const summaryList = element<HTMLUListElement>("summary");
const details = element<HTMLTableElement>("details");
const diagnosticsBox = element<HTMLDetailsElement>("diagnostics-box");
const diagnosticsTitle = element("diagnostics-title");
const diagnosticsList = element<HTMLUListElement>("diagnostics");
const previewSection = element("preview-section");
const previewSample = element<HTMLSelectElement>("preview-sample");
const previewFormat = element<HTMLSelectElement>("preview-format");
const previewNote = element("preview-note");
const previewCanvas = element<HTMLCanvasElement>("preview");

for (const format of FORMATS) {
  const label = document.createElement("label");
  const box = Object.assign(document.createElement("input"), { type: "checkbox", value: format.name, checked: format.name === "coco" });
  box.dataset["testid"] = `format-${format.name}`;
  const title = document.createElement("small");
  title.textContent = ` ${format.title}`;
  label.append(box, ` ${format.name}`, title);
  formatsBox.append(label);
}

/** The File System Access API's save picker, where the browser has it (Chromium). */
const savePicker = (window as unknown as { showSaveFilePicker?: (options: object) => Promise<FileSystemFileHandle> }).showSaveFilePicker;
saveAsButton.hidden = savePicker === undefined;

let worker: Worker | undefined;
let zipUrl: string | undefined;
let diagnostics = 0;

pickFolder.addEventListener("change", () => showPicked(pickFolder, "picked-folder"));
pickImages.addEventListener("change", () => showPicked(pickImages, "picked-images"));
convertButton.addEventListener("click", () => void start({ kind: "blob" }));
saveAsButton.addEventListener("click", () => void saveAs());
previewSample.addEventListener("change", requestPreview);
previewFormat.addEventListener("change", requestPreview);

function showPicked(input: HTMLInputElement, id: string): void {
  const files = input.files ?? new FileList();
  const first = files[0];
  element(id).textContent = first === undefined ? "none picked" : `${first.webkitRelativePath.split("/")[0]}/: ${files.length} file${files.length === 1 ? "" : "s"}`;
}

async function saveAs(): Promise<void> {
  let handle: FileSystemFileHandle;
  try {
    handle = await savePicker!({ suggestedName: "maskport-output.zip", types: [{ description: "Zip archive", accept: { "application/zip": [".zip"] } }] });
  } catch {
    return; // the user closed the picker
  }
  start({ kind: "file", handle });
}

/** Starts a run (stopping any run still going): resets the page, hands the picked files to a fresh worker. */
function start(destination: ZipDestination): void {
  resetOutput();
  const folder = picked(pickFolder);
  if (folder.length === 0) {
    showError({ message: "Pick the mask dataset folder first (the one holding labelmap.txt)." });
    return;
  }
  const formats = [...formatsBox.querySelectorAll<HTMLInputElement>("input[type=checkbox]:checked")].map((box) => box.value);
  if (formats.length === 0) {
    showError({ message: "Tick at least one format." });
    return;
  }
  const images = picked(pickImages);
  worker?.terminate();
  worker = new Worker(new URL("./convert-worker.ts", import.meta.url), { type: "module" });
  const own = worker;
  worker.addEventListener("message", (event: MessageEvent<WorkerEvent>) => {
    if (worker === own) handle(event.data, destination);
  });
  worker.addEventListener("error", (event) => {
    if (worker === own) finish({ type: "error", error: { message: `the converter stopped: ${event.message || "the worker failed to load"}` } });
  });
  setRunning(true);
  progressText.textContent = "reading the folder…";
  post({ type: "convert", folder, ...(images.length === 0 ? {} : { images }), formats, destination });
}

function post(request: WorkerRequest): void {
  worker?.postMessage(request);
}

function picked(input: HTMLInputElement): PickedFile[] {
  return [...(input.files ?? [])].map((file) => ({ path: `/${file.webkitRelativePath || file.name}`, blob: file }));
}

function handle(event: WorkerEvent, destination: ZipDestination): void {
  switch (event.type) {
    case "start":
      progress.removeAttribute("value"); // indeterminate until the first sample
      progressText.textContent = event.total === undefined ? "converting…" : `0 / ${event.total} samples`;
      break;
    case "progress":
      progress.max = Math.max(1, event.total ?? event.done);
      progress.value = event.done;
      progressText.textContent = `${event.done}${event.total === undefined ? "" : ` / ${event.total}`} samples`;
      break;
    case "diagnostic":
      addDiagnostic(`${event.diagnostic.severity} ${event.diagnostic.code}${event.diagnostic.sampleId === undefined ? "" : ` [${event.diagnostic.sampleId}]`}: ${event.diagnostic.message}`);
      break;
    case "done": {
      setRunning(false);
      const counts = [event.warnings > 0 ? `${event.warnings} warning${event.warnings === 1 ? "" : "s"}` : "", event.notes > 0 ? `${event.notes} note${event.notes === 1 ? "" : "s"}` : ""].filter(Boolean);
      progressText.textContent = `converted ${event.samples} sample${event.samples === 1 ? "" : "s"} in ${event.seconds.toFixed(1)}s${counts.length > 0 ? ` (${counts.join(", ")})` : ""}${destination.kind === "file" ? `; saved to ${destination.handle.name}` : ""}`;
      showSummary(event);
      if (event.zip !== undefined) {
        zipUrl = URL.createObjectURL(event.zip);
        download.href = zipUrl;
        download.textContent = `Download maskport-output.zip (${formatBytes(event.zip.size)})`;
        download.hidden = false;
      }
      showPreviewPicker(event.sampleIds, event.summary.map((entry) => entry.format));
      break;
    }
    case "error":
      finish(event);
      break;
    case "preview":
      previewCanvas.width = event.width;
      previewCanvas.height = event.height;
      previewCanvas.getContext("2d")?.putImageData(new ImageData(event.pixels, event.width, event.height), 0, 0);
      previewNote.textContent = [previewFormat.value === "" ? "" : `${previewFormat.value}: ${event.lost} px lost, ${event.added} px added`, event.note ?? ""].filter(Boolean).join("; ");
      break;
    case "preview-error":
      previewNote.textContent = `cannot draw this image: ${describeError(event.error)}`;
      break;
  }
}

/** A failed run: the error, no download, the worker gone. */
function finish(event: Extract<WorkerEvent, { type: "error" }>): void {
  setRunning(false);
  progressText.textContent = "failed";
  showError(event.error);
  worker?.terminate();
  worker = undefined;
}

function resetOutput(): void {
  if (zipUrl !== undefined) URL.revokeObjectURL(zipUrl);
  zipUrl = undefined;
  download.hidden = true;
  download.removeAttribute("href");
  errorBox.hidden = true;
  errorBox.textContent = "";
  summaryList.replaceChildren();
  details.hidden = true;
  details.tBodies[0]?.replaceChildren();
  diagnostics = 0;
  diagnosticsList.replaceChildren();
  diagnosticsBox.hidden = true;
  previewSection.hidden = true;
  progress.max = 1;
  progress.value = 0;
  progressText.textContent = "";
}

function setRunning(running: boolean): void {
  convertButton.disabled = running;
  saveAsButton.disabled = running;
}

function showError(error: ErrorData): void {
  errorBox.hidden = false;
  const head = document.createElement("strong");
  head.textContent = error.code === undefined ? "error" : `error ${error.code}`;
  errorBox.replaceChildren(head, `: ${error.message}`);
  if (error.file !== undefined) errorBox.append(line("file", error.file, "error-file"));
  if (error.sampleId !== undefined) errorBox.append(line("sample", error.sampleId, "error-sample"));
  if (error.hint !== undefined) errorBox.append(line("hint", error.hint, "error-hint"));
  errorBox.dataset["code"] = error.code ?? "";
  errorBox.dataset["file"] = error.file ?? "";
}

function line(name: string, value: string, testid: string): HTMLElement {
  const div = document.createElement("div");
  const text = document.createElement("span");
  text.dataset["testid"] = testid;
  text.textContent = value;
  div.append(`${name}: `, text);
  return div;
}

function describeError(error: ErrorData): string {
  return `${error.code === undefined ? "" : `${error.code}: `}${error.message}`;
}

function showSummary(event: Extract<WorkerEvent, { type: "done" }>): void {
  const body = details.tBodies[0]!;
  for (const entry of event.summary) {
    const item = document.createElement("li");
    item.textContent = summaryLine(entry);
    summaryList.append(item);
    const row = body.insertRow();
    for (const text of [entry.format, String(entry.instances), String(entry.exact), summaryDetails(entry)]) row.insertCell().textContent = text;
  }
  details.hidden = false;
}

function addDiagnostic(text: string): void {
  diagnostics++;
  diagnosticsBox.hidden = false;
  diagnosticsTitle.textContent = `Diagnostics (${diagnostics})`;
  if (diagnostics > MAX_DIAGNOSTICS) return;
  const item = document.createElement("li");
  item.textContent = text;
  diagnosticsList.append(item);
}

function showPreviewPicker(sampleIds: readonly string[], formats: readonly string[]): void {
  previewSample.replaceChildren(...sampleIds.map((id, index) => new Option(id, String(index))));
  previewFormat.replaceChildren(new Option("masks only", ""), ...formats.map((format) => new Option(format, format)));
  if (formats.length > 0) previewFormat.value = formats[0]!;
  previewSection.hidden = sampleIds.length === 0;
  if (sampleIds.length > 0) requestPreview();
}

function requestPreview(): void {
  const sample = Number(previewSample.value);
  if (!Number.isInteger(sample)) return;
  post({ type: "preview", sample, ...(previewFormat.value === "" ? {} : { format: previewFormat.value }) });
}
