// Messages that reach clients (GraphQL errors, job events, job rows) name files by their base
// name only, never by a server path, and are one line.

// An absolute POSIX path (two or more segments) or a Windows drive path, not part of a URL.
const ABSOLUTE_PATH = /(?<![\w:/.\\-])(?:file:\/\/)?(?:\/[^\s/'"`:,;()<>[\]{}]+){2,}\/?|\b[A-Za-z]:\\(?:[^\s\\'"`:,;()<>]+\\?)+/g;
const MAX_MESSAGE = 500;

export function scrubPaths(message: string): string {
  return message.replace(ABSOLUTE_PATH, (p) => {
    const parts = p.replace(/[\\/]+$/, "").split(/[\\/]/);
    return parts[parts.length - 1] || "…";
  });
}

/** First line of a message, without server paths, at most 500 characters. */
export function clientMessage(message: string): string {
  const first = scrubPaths(String(message)).split(/\r?\n/, 1)[0]!.trim();
  return first.length > MAX_MESSAGE ? `${first.slice(0, MAX_MESSAGE - 1)}…` : first;
}
