import { describe, expect, it } from "vitest";
import { IMPORT_MAX_BYTES, readImportCsv } from "./csv";
import { readUpload } from "./upload";

/** A request whose body arrives in `chunks` (no Content-Length, as a chunked upload), telling whether it was cancelled. */
function streamed(contentType: string, chunks: Uint8Array[], url = "http://cohort.test/api/hr/imports?name=people.csv") {
  const pulled = { count: 0, cancelled: false };
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next === chunks.length) return controller.close();
      pulled.count++;
      controller.enqueue(chunks[next++]!);
    },
    cancel() {
      pulled.cancelled = true;
    },
  });
  const request = new Request(url, { method: "POST", body, headers: { "content-type": contentType }, duplex: "half" } as RequestInit);
  return { request, pulled };
}

const text = (value: string) => new TextEncoder().encode(value);

describe("readUpload", () => {
  it("reads a text/csv body as it arrives, named by ?name=", async () => {
    const { request } = streamed("text/csv", [text("email,name\na@x.example,A\n"), text("b@x.example,B\n")]);
    const upload = await readUpload(request);
    expect(upload.fileName).toBe("people.csv");
    expect((await readImportCsv(upload.body)).rows.map((row) => row.email)).toEqual(["a@x.example", "b@x.example"]);
  });

  it("stops a body without Content-Length at the byte past 20 MB, cancelling the rest", async () => {
    const { request, pulled } = streamed("text/csv", [
      text("email,name\n"),
      new Uint8Array(IMPORT_MAX_BYTES),
      new Uint8Array(1),
      new Uint8Array(1),
    ]);
    await expect(readImportCsv((await readUpload(request)).body)).rejects.toMatchObject({ code: "import_too_large" });
    expect(pulled).toMatchObject({ cancelled: true });
    expect(pulled.count).toBeLessThan(4);
  });

  it("takes a multipart form's file part, and refuses an envelope past the limit", async () => {
    const form = new FormData();
    form.set("file", new File(["email,name\nc@x.example,C\n"], "team.csv", { type: "text/csv" }));
    const multipart = new Request("http://cohort.test/api/hr/imports", { method: "POST", body: form });
    const upload = await readUpload(multipart);
    expect(upload.fileName).toBe("team.csv");
    expect((await readImportCsv(upload.body)).rows).toHaveLength(1);

    const boundary = "----cohort";
    const { request } = streamed(`multipart/form-data; boundary=${boundary}`, [
      text(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n`),
      new Uint8Array(IMPORT_MAX_BYTES + 64 * 1024),
    ]);
    await expect(readUpload(request)).rejects.toMatchObject({ code: "import_too_large" });
  });
});
