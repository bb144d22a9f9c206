// A chart or table wider than the screen scrolls inside its own frame. Make each such frame reachable from the
// keyboard (Tab to it, then the arrow keys scroll it) and give it a name, as WCAG 2.1.1 asks. Installed once a tab.
(() => {
  if (window.groupupScrollFrames) return;
  window.groupupScrollFrames = true;
  const FRAMES = '[data-testid="stMain"] [data-testid="stTable"] > div, [data-testid="stMain"] [data-testid="stVegaLiteChart"]';
  const scrolls = (element) => {
    const overflow = getComputedStyle(element).overflowX;
    return (overflow === "auto" || overflow === "scroll") && element.scrollWidth > element.clientWidth + 1;
  };
  const nameOf = (frame) => {
    const chart = frame.querySelector('[data-testid="stVegaLiteChart"]') || frame.closest('[data-testid="stVegaLiteChart"]');
    if (chart && chart.getAttribute("aria-label")) return chart.getAttribute("aria-label");
    const summary = frame.closest("details")?.querySelector("summary");
    return summary ? summary.innerText.trim() : "Table";
  };
  const mark = () => {
    document.querySelectorAll(FRAMES).forEach((start) => {
      for (let frame = start; frame && frame.dataset.testid !== "stMain"; frame = frame.parentElement) {
        if (!scrolls(frame)) continue;
        if (!frame.hasAttribute("tabindex")) {
          frame.tabIndex = 0;
          frame.setAttribute("role", "region");
          frame.setAttribute("aria-label", `${nameOf(frame)} (scroll sideways to see all of it)`);
        }
        break;
      }
    });
  };
  let pending = false;
  const soon = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; mark(); });
  };
  new MutationObserver(soon).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["open"] });
  window.addEventListener("resize", soon);
  soon();
})();
