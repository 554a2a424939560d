// One webhook POST with node:http(s) rather than fetch: its `lookup` hook lets us check the
// address actually connected to (see address-policy.ts). No redirects are followed.
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { bareHost, isPrivateAddress, PrivateAddressError, publicOnlyLookup } from "./address-policy.js";

export interface PostResult {
  status: number;
}

export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  allowPrivate: boolean,
): Promise<PostResult> {
  const u = new URL(url);
  const host = bareHost(u);
  // A literal address never goes through lookup: check it here.
  if (!allowPrivate && net.isIP(host) && isPrivateAddress(host)) return Promise.reject(new PrivateAddressError(host, host));
  const mod = u.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      u,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(timeoutMs),
        ...(allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (res) => {
        resolve({ status: res.statusCode ?? 0 });
        res.destroy(); // the answer's body is not used
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
