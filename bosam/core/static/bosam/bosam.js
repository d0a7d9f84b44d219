// Small progressive enhancements; every page works without JavaScript.
// A failed htmx request says so in the page's alert region (base.html), in the page's language.
function showHtmxError(key) {
  const target = document.getElementById("htmx-error");
  if (target) {
    const text = target.dataset[key] || target.dataset.message;
    target.innerHTML = "";
    const p = document.createElement("p");
    p.className = "message error";
    p.textContent = text;
    target.appendChild(p);
  }
}
document.addEventListener("htmx:responseError", () => showHtmxError("message"));
document.addEventListener("htmx:sendError", () => showHtmxError("offline"));
document.addEventListener("htmx:beforeRequest", () => {
  const target = document.getElementById("htmx-error");
  if (target) {
    target.innerHTML = "";
  }
});
// Move focus to swapped-in content that asks for it, so keyboard and screen-reader users follow.
document.addEventListener("htmx:afterSwap", (event) => {
  const focus = event.detail.target.querySelector("[data-focus-after-swap]");
  if (focus) {
    focus.focus();
  }
});
// Elements with data-confirm ask before submitting (no inline scripts: CSP forbids them).
document.addEventListener("submit", (event) => {
  const message = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
// Search results: arrow keys move between the hits (and back to the field); Enter opens one.
document.addEventListener("keydown", (event) => {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") {
    return;
  }
  const results = document.querySelector("[data-search-results]");
  const field = document.getElementById("search-q");
  if (!results) {
    return;
  }
  const links = Array.from(results.querySelectorAll("a"));
  const inResults = results.contains(document.activeElement);
  if (!links.length || (!inResults && document.activeElement !== field)) {
    return;
  }
  event.preventDefault();
  const index = links.indexOf(document.activeElement);
  if (event.key === "ArrowDown") {
    links[Math.min(index + 1, links.length - 1)].focus();
  } else if (index <= 0 && field) {
    field.focus();
  } else {
    links[index - 1].focus();
  }
});
