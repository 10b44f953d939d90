/** The formats the page converts to: the first-party exporters bundled into the worker (not `nifti`: a mask folder has no slices to stack). */
export const FORMATS = [
  { name: "coco", title: "COCO instance segmentation (RLE / polygons)" },
  { name: "sa1b", title: "SA-1B (Segment Anything) per-image JSON" },
  { name: "cvat", title: "CVAT for images 1.1 XML" },
  { name: "mask", title: "CVAT Segmentation mask 1.1" },
  { name: "yolo", title: "Ultralytics YOLO segmentation" },
  { name: "semantic", title: "Index masks (semantic segmentation)" },
  { name: "nnunet", title: "nnU-Net v2 raw dataset" },
  { name: "monai", title: "MONAI datalist" },
] as const;

export type FormatName = (typeof FORMATS)[number]["name"];
