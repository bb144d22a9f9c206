// A chart or table wider than the screen scrolls inside its own frame. Make each such frame reachable from the
// keyboard (Tab to it, then the arrow keys scroll it) and give it a name, as WCAG 2.1.1 asks; and let Tab leave a
// date box from its last part, so that a typed date is saved (below). Installed once a tab.
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
  // A date box's calendar button is its last Tab stop, inside the box, and Streamlit 1.67 keeps a typed date in the
  // browser until focus leaves the whole box: so a date typed and then Tabbed past was not saved (a tester's due
  // dates). Out of the Tab order, Tab from the year leaves the box and the date is sent at once. The calendar still
  // opens with a click, or from the keyboard with Alt+ArrowDown, which the box announces (aria-keyshortcuts).
  const CALENDAR_BUTTONS = '[data-testid="stDateInputCalendarButton"]:not([tabindex="-1"])';
  const dates = () => document.querySelectorAll(CALENDAR_BUTTONS).forEach((button) => { button.tabIndex = -1; });
  // An expander opening animates its height for 500 ms (Streamlit's own script), and a tap in that time lands on an
  // option still moving and is lost: a participant's "now" answer went missing when they tapped it as the principle
  // opened. Every expander now opens at once (its animation is run to its end), so what is tapped is what is seen.
  const settle = (details) => details && details.getAnimations({ subtree: true }).forEach((a) => a.finish());
  document.addEventListener("toggle", (event) => settle(event.target), true);
  document.addEventListener("click", (event) => {
    const details = event.target.closest && event.target.closest("details");
    if (!details) return;
    settle(details);
    requestAnimationFrame(() => settle(details));
    setTimeout(() => settle(details), 30);
  }, true);
  let pending = false;
  const soon = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; mark(); dates(); });
  };
  new MutationObserver(soon).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["open"] });
  window.addEventListener("resize", soon);
  soon();
})();
