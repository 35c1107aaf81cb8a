// The inbox's one action: clearing it through the JSON API, then showing the empty inbox.
document.getElementById("clear-inbox")?.addEventListener("click", () =>
  fetch("/api/mails", { method: "DELETE" }).then(() => location.reload()));
