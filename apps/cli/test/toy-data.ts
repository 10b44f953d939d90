// A small dataset in the toy fixture format, and its bbox CSV worked out by hand.

/** Two samples: s1 (5×4, default) with an L-shaped tumor and a 1×2 edema; s2 (3×3, val) with a 3×1 tumor. */
export const TOY_DATASET = {
  labels: ["background", "tumor", "edema"],
  samples: [
    {
      id: "s1",
      width: 5,
      height: 4,
      instances: [
        { label: "tumor", x: 1, y: 1, rows: ["##", "#."] },
        { label: "edema", x: 4, y: 0, rows: ["#", "#"] },
      ],
    },
    { id: "s2", subset: "val", width: 3, height: 3, instances: [{ label: "tumor", x: 0, y: 0, rows: ["###"] }] },
  ],
};

/** The dataset as the input file of a project. */
export const TOY_FILES = { "data/dataset.toy.json": JSON.stringify(TOY_DATASET) };

/** bbox-csv of TOY_DATASET: boxes in pixels (x, y = top-left pixel), areas counted by hand. */
export const TOY_CSV = [
  "image,subset,image_width,image_height,label,instance,x,y,width,height,area",
  "s1,default,5,4,tumor,1,1,1,2,2,3",
  "s1,default,5,4,edema,2,4,0,1,2,2",
  "s2,val,3,3,tumor,1,0,0,3,1,3",
  "",
].join("\n");
