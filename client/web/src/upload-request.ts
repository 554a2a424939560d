// createJob as a GraphQL multipart request sent with XMLHttpRequest: fetch cannot report how
// many bytes of a request body went out, XHR's upload.onprogress can.
const CREATE_JOB =
  "mutation CreateJob($pdf: Upload!, $step: Upload!, $steps: [Upload!], $ocrLanguages: [String!]) { createJob(pdf: $pdf, step: $step, steps: $steps, ocrLanguages: $ocrLanguages) { id status } }";

export interface UploadProgress {
  loaded: number;
  total: number;
}

export function uploadJob(
  url: string,
  files: { pdf: File; step: File; steps: File[]; ocrLanguages?: string[] },
  opts: { apiKey?: string; onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {},
): Promise<{ id: string; status: string }> {
  const form = new FormData();
  const all = [files.pdf, files.step, ...files.steps];
  form.append(
    "operations",
    JSON.stringify({
      query: CREATE_JOB,
      variables: {
        pdf: null,
        step: null,
        steps: files.steps.length ? files.steps.map(() => null) : null,
        ocrLanguages: files.ocrLanguages?.length ? files.ocrLanguages : null,
      },
    }),
  );
  const map: Record<string, string[]> = { 0: ["variables.pdf"], 1: ["variables.step"] };
  files.steps.forEach((_, i) => (map[i + 2] = [`variables.steps.${i}`]));
  form.append("map", JSON.stringify(map));
  all.forEach((f, i) => form.append(String(i), f, f.name));
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("apollo-require-preflight", "true");
    if (opts.apiKey) xhr.setRequestHeader("authorization", `Bearer ${opts.apiKey}`);
    xhr.upload.onprogress = (e) => opts.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : all.reduce((n, f) => n + f.size, 0) });
    xhr.onerror = () => reject(new Error("The upload failed: the server could not be reached"));
    xhr.onabort = () => reject(new Error("Upload cancelled"));
    xhr.onload = () => {
      let body: { data?: { createJob?: { id: string; status: string } }; errors?: { message: string }[] } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: reported below */
      }
      if (body?.data?.createJob) resolve(body.data.createJob);
      else reject(new Error(body?.errors?.map((e) => e.message).join("; ") || `Upload failed (HTTP ${xhr.status})`));
    };
    opts.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** 1536 → "1.5 KB" (decimal units, as file managers show them). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ["KB", "MB", "GB"];
  let v = n;
  let u = -1;
  do {
    v /= 1000;
    u++;
  } while (v >= 1000 && u < units.length - 1);
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}
