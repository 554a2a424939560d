// A growable list of doubles in one Float64Array. The ruling reader handles hundreds of
// coordinates per page; as JS arrays or small objects they were a large share of the
// stage's garbage (and so of its scavenges), here they are one buffer per page.
export class Floats {
  a = new Float64Array(256);
  n = 0;

  push3(x: number, y: number, z: number): void {
    if (this.n + 3 > this.a.length) this.grow();
    this.a[this.n++] = x;
    this.a[this.n++] = y;
    this.a[this.n++] = z;
  }

  push4(x0: number, y0: number, x1: number, y1: number): void {
    if (this.n + 4 > this.a.length) this.grow();
    this.a[this.n++] = x0;
    this.a[this.n++] = y0;
    this.a[this.n++] = x1;
    this.a[this.n++] = y1;
  }

  /** The values pushed so far (a view, not a copy). */
  values(): Float64Array {
    return this.a.subarray(0, this.n);
  }

  private grow(): void {
    const a = new Float64Array(this.a.length * 2);
    a.set(this.a);
    this.a = a;
  }
}
