/**
 * Byte-level comparisons of buffers and views, for deep equality of typed arrays, `DataView`s
 * and `ArrayBuffer`s (Node compares them with `Buffer.compare`, which no other realm has).
 */

/** The bytes a view or a buffer covers. */
export function bytesOf(value: ArrayBufferView | ArrayBufferLike): Uint8Array {
  if (ArrayBuffer.isView(value))
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  return new Uint8Array(value)
}

/** Same length and the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false
  }
  return true
}

/** Whether the bytes of `part` appear in `whole` in the same order (not necessarily adjacent). */
export function containsBytesInOrder(whole: Uint8Array, part: Uint8Array): boolean {
  if (whole.length < part.length) return false
  let w = 0
  for (let p = 0; p < part.length; p++) {
    while (whole[w] !== part[p]) {
      w++
      if (w > whole.length - part.length + p) return false
    }
    w++
  }
  return true
}

/**
 * Loose equality of float arrays: element by element with `===`, so `0` equals `-0` and `NaN`
 * never equals itself. Node walks `byteLength` indices, past the last element, where both
 * sides read `undefined`; the result is the same as walking the elements.
 */
export function sameFloatElements(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength) return false
  const left = a as unknown as ArrayLike<number>
  const right = b as unknown as ArrayLike<number>
  for (let i = 0; i < left.length; i++) {
    if (left[i] !== right[i]) return false
  }
  return true
}
