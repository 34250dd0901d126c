/**
 * Growable lists of numbers in typed arrays. A merge of 100,000 rows collects millions of term ids and
 * many candidate pairs; kept off the JavaScript heap, they cost the garbage collector nothing.
 */
export class IntList {
  data: Int32Array<ArrayBuffer>;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(capacity, 16));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const data = new Int32Array(this.data.length * 2);
      data.set(this.data);
      this.data = data;
    }
    this.data[this.length++] = value;
  }

  /** Makes room for `count` more values and returns the (possibly new) array to write them into. */
  reserve(count: number): Int32Array {
    if (this.length + count > this.data.length) {
      const data = new Int32Array(Math.max(this.data.length * 2, this.length + count));
      data.set(this.data);
      this.data = data;
    }
    return this.data;
  }

  /** The values pushed so far, sharing the list's memory. */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

export class FloatList {
  data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const data = new Float64Array(this.data.length * 2);
      data.set(this.data);
      this.data = data;
    }
    this.data[this.length++] = value;
  }
}
