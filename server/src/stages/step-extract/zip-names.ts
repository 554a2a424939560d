// Entry names of a .zip as CAD tools and archivers really write them. The UTF-8 flag (bit 11)
// is often missing: Info-ZIP on Linux/macOS stores raw UTF-8 bytes without it, Windows
// Explorer and older tools store CP437, and Info-ZIP adds the real name as UTF-8 in the
// "Unicode Path" extra field (0x7075) next to a CP437 one. Names end NFC-normalised (macOS
// writes NFD) so that "Bügel.step" from any source compares equal.

import zlib from "node:zlib";

/** Code page 437, bytes 0x80..0xFF (0x00..0x7F are ASCII). */
export const CP437_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

export function decodeCp437(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80]!;
  return out;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** The UTF-8 name of an Info-ZIP Unicode Path field (0x7075), when it is for these name bytes. */
export function unicodePathField(extra: Uint8Array, rawName: Uint8Array): string | null {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let at = 0; at + 4 <= extra.length;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    const body = extra.subarray(at + 4, at + 4 + size);
    if (id === 0x7075 && body.length >= 5 && body[0] === 1) {
      // The field is stale (and must be ignored) when the name was changed by a tool that
      // did not know the field: its CRC is of the name it was written for.
      const crc = new DataView(body.buffer, body.byteOffset, 5).getUint32(1, true);
      if (crc === zlib.crc32(rawName)) return utf8OrNull(body.subarray(5));
    }
    at += 4 + size;
  }
  return null;
}

/** The entry's name as its writer meant it, NFC-normalised. */
export function decodeEntryName(rawName: Uint8Array, flags: number, extra: Uint8Array): string {
  const name =
    unicodePathField(extra, rawName) ?? (flags & 0x800 ? new TextDecoder().decode(rawName) : (utf8OrNull(rawName) ?? decodeCp437(rawName)));
  return name.normalize("NFC");
}
