// Small behaviours that need no inline script (pages work without them too).
document.addEventListener("change", function (event) {
  // Selects marked data-autosubmit send their form at once (language switch).
  var target = event.target;
  if (target.matches("select[data-autosubmit]")) {
    // HTMX may have changed the address since the page loaded: come back to where we are now.
    var next = target.form.querySelector("input[name=next]");
    if (next) next.value = location.pathname + location.search;
    target.form.requestSubmit ? target.form.requestSubmit() : target.form.submit();
  }
});

// Filter forms send every field; leave the empty ones out so addresses stay short and shareable.
document.addEventListener("htmx:configRequest", function (event) {
  if (event.detail.verb !== "get") return;
  var params = event.detail.parameters;
  Object.keys(params).forEach(function (name) {
    if (params[name] === "") delete params[name];
  });
});
