// Terminal colours, only where they belong: off when NO_COLOR is set (no-color.org), when the
// stream is not a terminal, or with TERM=dumb; FORCE_COLOR=1 turns them on (FORCE_COLOR=0 off).
type Stream = { isTTY?: boolean };

export function colourEnabled(stream: Stream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "") return !/^(0|false)$/i.test(env.FORCE_COLOR);
  return !!stream.isTTY && env.TERM !== "dumb";
}

export interface Palette {
  enabled: boolean;
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const sgr = (on: boolean, open: number, close: number) => (s: string) => (on ? `\x1b[${open}m${s}\x1b[${close}m` : s);

export function palette(stream: Stream = process.stderr): Palette {
  const on = colourEnabled(stream);
  return { enabled: on, green: sgr(on, 32, 39), red: sgr(on, 31, 39), yellow: sgr(on, 33, 39), bold: sgr(on, 1, 22), dim: sgr(on, 2, 22) };
}

/** A status word in its colour: done green, failed red, cancelled yellow. */
export function statusColour(p: Palette, status: string, text = status): string {
  if (status === "SUCCEEDED") return p.green(text);
  if (status === "FAILED") return p.red(text);
  if (status === "CANCELLED") return p.yellow(text);
  return text;
}
