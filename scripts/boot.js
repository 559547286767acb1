// Loads the wasm app: one loader for debug and release builds. The module is fetched from the
// app's own origin (connect-src 'self') and compiled while it streams (wasm-bindgen's init uses
// WebAssembly.instantiateStreaming for an application/wasm response). The release build's
// service worker (post-build.mjs) serves these same files offline.
//
// If the browser cannot run the app, or a file fails to arrive, the page says so in the user's
// language instead of staying blank.
const tag = document.getElementById("sd-boot");

// The texts of the failure page. The app's own texts are in the module, which is what failed.
const MESSAGES = {
  en: {
    title: "Segment Desk could not start",
    noWasm:
      "This browser cannot run WebAssembly, which the desk needs. Open it in a current version of Edge, Chrome, Firefox or Safari.",
    failed:
      "The app's files did not load completely. Check the network connection and reload the page. The desk's data is stored in this browser and is not affected.",
    reload: "Reload",
    detail: "Details",
  },
  sv: {
    title: "Segment Desk kunde inte starta",
    noWasm:
      "Den här webbläsaren kan inte köra WebAssembly, som appen behöver. Öppna den i en aktuell version av Edge, Chrome, Firefox eller Safari.",
    failed:
      "Appens filer lästes inte in helt. Kontrollera nätverksanslutningen och läs in sidan igen. Uppgifterna lagras i den här webbläsaren och påverkas inte.",
    reload: "Läs in igen",
    detail: "Information",
  },
  pl: {
    title: "Nie udało się uruchomić aplikacji Segment Desk",
    noWasm:
      "Ta przeglądarka nie obsługuje technologii WebAssembly, której wymaga aplikacja. Otwórz ją w aktualnej wersji przeglądarki Edge, Chrome, Firefox lub Safari.",
    failed:
      "Pliki aplikacji nie zostały w pełni załadowane. Sprawdź połączenie sieciowe i załaduj stronę ponownie. Dane są przechowywane w tej przeglądarce i nie zostały naruszone.",
    reload: "Załaduj ponownie",
    detail: "Szczegóły",
  },
};

/** The language the user chose in the app (saved by the app), else the browser's. */
function language() {
  let saved = null;
  try {
    saved = localStorage.getItem("segment-desk/locale");
  } catch {
    // Storage refused (private mode, policy): the browser's language still answers.
  }
  const wanted = [saved, ...(navigator.languages ?? [navigator.language])];
  for (const lang of wanted) {
    const code = (lang ?? "").slice(0, 2).toLowerCase();
    if (code in MESSAGES) return code;
  }
  return "en";
}

/** Replaces the page with what happened and what to do. */
function fail(kind, error) {
  const lang = language();
  const text = MESSAGES[lang];
  document.documentElement.lang = lang;
  const main = document.createElement("main");
  main.className = "boot-failure";
  main.setAttribute("role", "alert");
  const h1 = document.createElement("h1");
  h1.textContent = text.title;
  const p = document.createElement("p");
  p.textContent = text[kind];
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = text.reload;
  button.addEventListener("click", () => location.reload());
  main.append(h1, p, button);
  if (error) {
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = text.detail;
    const code = document.createElement("code");
    code.textContent = String(error?.message ?? error);
    details.append(summary, code);
    main.append(details);
  }
  document.body.replaceChildren(main);
}

/** Loads the browser's locale data for dates and numbers. A page's first `Intl` object does
 *  that (20 to 50 ms here), and the app makes its first ones before its first paint; while the
 *  module downloads and compiles the page is idle, so it is done then instead. */
function warmIntl() {
  try {
    const lang = language();
    new Intl.DateTimeFormat(lang, { timeZone: "UTC" }).format(0);
    new Intl.NumberFormat(lang).format(1);
  } catch {
    // Only a warm-up: the app makes its own Intl objects either way.
  }
}

if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
  fail("noWasm");
} else {
  (window.requestIdleCallback ?? setTimeout)(warmIntl);
  try {
    const { default: init } = await import(tag.dataset.js);
    performance.mark("sd:wasm-ready");
    await init({ module_or_path: tag.dataset.wasm });
  } catch (error) {
    console.error("Segment Desk could not start:", error);
    fail("failed", error);
  }
}
