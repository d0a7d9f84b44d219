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
