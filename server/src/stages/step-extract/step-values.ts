// The values a STEP record holds once parsed, in a leaf module: the cursor (step-cursor.ts) reads
// them, the record index (step-records.ts) builds entities from them and the reader
// (step-entities.ts) drives both; with the types here none of the three imports another back.

/** `#123` inside an argument list. */
export interface StepRef {
  ref: number;
}
/** `.ENUM.` (also booleans `.T.` / `.F.`). */
export interface StepEnum {
  enum: string;
}
/** A typed parameter such as `LENGTH_MEASURE(5.)`. */
export interface StepTyped {
  type: string;
  args: StepValue[];
}
/** `*`: an attribute re-derived by a subtype. */
export interface StepDerived {
  derived: true;
}
/** `$` is null, strings are decoded JS strings. */
export type StepValue = null | number | string | StepRef | StepEnum | StepTyped | StepDerived | StepValue[];

export interface StepEntityPart {
  type: string;
  args: StepValue[];
}
export interface StepEntity {
  id: number;
  /** Type of a simple entity; for a complex entity `#1=(A()B());` the parts in file order. */
  parts: StepEntityPart[];
}
