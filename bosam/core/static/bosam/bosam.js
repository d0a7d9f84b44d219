// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("htmx:responseError", (event) => {
  const target = document.getElementById("htmx-error");
  if (target) {
    target.textContent = "Något gick fel. Ingenting sparades. Försök igen.";
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
