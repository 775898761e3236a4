/** One part of a multipart/form-data body. */
export interface MultipartPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

/** The boundary of a `multipart/form-data` content type, or null for any other type. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return null;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

function headerParameter(header: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, "i").exec(header);
  if (match?.[1] !== undefined) return match[1].replace(/\\(.)/g, "$1");
  const bare = new RegExp(`;\\s*${name}=([^;]+)`, "i").exec(header);
  return bare?.[1]?.trim() ?? null;
}

/** Splits a multipart body into parts. Throws on a malformed body. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) throw new Error("Missing boundary");
  while (true) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === "--") return parts;
    position += 2; // CRLF after the delimiter
    const headerEnd = body.indexOf("\r\n\r\n", position);
    if (headerEnd < 0) throw new Error("Malformed part headers");
    const headers = body.subarray(position, headerEnd).toString("utf8").split("\r\n");
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next < 0) throw new Error("Missing closing boundary");
    const disposition = headers.find((line) => /^content-disposition:/i.test(line)) ?? "";
    const type = headers.find((line) => /^content-type:/i.test(line));
    parts.push({
      name: headerParameter(disposition, "name") ?? "",
      filename: headerParameter(disposition, "filename"),
      contentType: type ? type.slice(type.indexOf(":") + 1).trim() : null,
      data: body.subarray(headerEnd + 4, next - 2),
    });
    position = next;
  }
}

/** File bytes received so far of one part of a multipart body that may still be arriving. */
export interface PartProgress {
  readonly filename: string | null;
  readonly received: number;
}

/**
 * How many data bytes of each part have arrived in `partial`, the first bytes of a multipart body, for upload
 * progress. The last part's count leaves out a tail that could be the start of the next delimiter.
 */
export function partsSoFar(partial: Buffer, boundary: string): PartProgress[] {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: PartProgress[] = [];
  let position = partial.indexOf(`--${boundary}`);
  while (position >= 0) {
    const headerEnd = partial.indexOf("\r\n\r\n", position);
    if (headerEnd < 0) break;
    const headers = partial.subarray(position, headerEnd).toString("utf8").split("\r\n");
    const disposition = headers.find((line) => /^content-disposition:/i.test(line)) ?? "";
    const start = headerEnd + 4;
    const next = partial.indexOf(delimiter, start);
    const end = next >= 0 ? next : Math.max(start, partial.length - delimiter.length);
    parts.push({ filename: headerParameter(disposition, "filename"), received: end - start });
    if (next < 0) break;
    position = next + 2;
    if (partial.subarray(position + delimiter.length - 2, position + delimiter.length).toString() === "--")
      break;
  }
  return parts;
}
