// The camera's orientation, in a leaf module: camera.ts frames meshes through mesh-view.ts, which
// projects along a View; with the type here neither imports the other back.
import type { V3 } from "./mesh.js";

export interface View {
  right: V3;
  up: V3;
  /** Unit vector from the scene towards the viewer. */
  toEye: V3;
}
