// Loads the wasm app without any network request beyond the app's own scripts:
// the release build inlines the module, deflated and in base64 (see post-build.mjs); a debug
// build fetches it.
const tag = document.getElementById("sd-boot");
const { default: init } = await import(tag.dataset.js);
let module_or_path = tag.dataset.wasm;
if (tag.dataset.wasmInline) {
  const { default: base64 } = await import(tag.dataset.wasmInline);
  const deflated = Uint8Array.fromBase64
    ? Uint8Array.fromBase64(base64)
    : Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const inflated = new Blob([deflated]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  module_or_path = await new Response(inflated).arrayBuffer();
}
performance.mark("sd:wasm-ready");
await init({ module_or_path });
