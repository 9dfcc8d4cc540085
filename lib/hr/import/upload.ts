import { AppError } from "@/lib/errors";
import { IMPORT_MAX_BYTES } from "./csv";

/** The multipart envelope around the file: its boundaries and part headers. */
const ENVELOPE_BYTES = 64 * 1024;

const tooLarge = () => new AppError("import_too_large", { max: IMPORT_MAX_BYTES / 1024 / 1024 });

/**
 * A body's chunks as they arrive, refused at the byte past `max` (whatever Content-Length claimed, or
 * without one); stopping early cancels the rest of the body.
 */
export async function* upTo(body: ReadableStream<Uint8Array> | null, max: number, seen = { bytes: 0 }): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      seen.bytes += value.byteLength;
      if (seen.bytes > max) throw tooLarge();
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** The same chunks as a web stream, for `Response.formData()`. */
function streamOf(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/**
 * The file, as a stream the import reads while it arrives: the CSV itself as the body (`text/csv`,
 * its name in `?name=`; what the import page sends), or a multipart form's `file` part, whose
 * envelope is read first (at most the largest file and its envelope).
 */
export async function readUpload(request: Request): Promise<{ fileName: string; body: AsyncIterable<Uint8Array> }> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > IMPORT_MAX_BYTES + ENVELOPE_BYTES) throw tooLarge();
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const limit = IMPORT_MAX_BYTES + ENVELOPE_BYTES;
    const seen = { bytes: 0 };
    let form: FormData;
    try {
      form = await new Response(streamOf(upTo(request.body, limit, seen)), { headers: { "content-type": type } }).formData();
    } catch (error) {
      // The body stopped at the limit (our refusal, as the reader saw it), or the envelope is no
      // form (the parser's TypeError): each said as what it is. Anything else is a fault.
      if (!(error instanceof AppError || error instanceof TypeError)) throw error;
      throw seen.bytes > limit ? tooLarge() : new AppError("import_unreadable");
    }
    const file = form.get("file");
    if (!(file instanceof File)) throw new AppError("import_empty");
    if (file.size > IMPORT_MAX_BYTES) throw tooLarge();
    return { fileName: file.name, body: upTo(file.stream(), IMPORT_MAX_BYTES) };
  }
  const fileName = new URL(request.url).searchParams.get("name") ?? "import.csv";
  return { fileName, body: upTo(request.body, IMPORT_MAX_BYTES) };
}
