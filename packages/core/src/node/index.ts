export * from "./png.ts";
