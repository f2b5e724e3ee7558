// Focus+ upload page enhancements. The form works without this script: it only adds
// drag and drop onto the file area, lists the chosen files, warns early about the size
// limit, says that checking is under way, and sends the form with fetch so that an
// error keeps the chosen files (a busy server is asked once more after Retry-After).
(function () {
  "use strict";
  var form = document.querySelector("form.upload-form");
  if (!form) { return; }
  var input = form.querySelector("input[type=file]");
  var zone = form.querySelector("[data-drop-zone]");
  var list = form.querySelector("[data-chosen]");
  var status = form.querySelector("[data-status]");
  var dropHint = document.getElementById("file-drop-hint");
  var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10) || 0;
  var maxFiles = parseInt(form.getAttribute("data-max-files"), 10) || 0;
  var fr = document.documentElement.lang === "fr";

  function human(n) {
    if (n >= 1048576) { return (n / 1048576).toFixed(1) + (fr ? " Mio" : " MiB"); }
    if (n >= 1024) { return (n / 1024).toFixed(1) + (fr ? " Kio" : " KiB"); }
    return n + (fr ? " octets" : " bytes");
  }

  function showChosen() {
    list.textContent = "";
    var total = 0;
    for (var i = 0; i < input.files.length; i++) {
      var f = input.files[i];
      total += f.size;
      var li = document.createElement("li");
      li.textContent = f.name + " (" + human(f.size) + ")";
      list.appendChild(li);
    }
    var msg = "";
    if (maxFiles && input.files.length > maxFiles) {
      msg = fr ? "Trop de fichiers : " + maxFiles + " au plus." : "Too many files: at most " + maxFiles + ".";
    } else if (maxBytes && total > maxBytes) {
      msg = fr ? "Trop volumineux : " + human(maxBytes) + " au plus au total." : "Too large: at most " + human(maxBytes) + " in all.";
    }
    status.textContent = msg;
    return msg === "";
  }

  if (dropHint) { dropHint.hidden = false; }
  input.addEventListener("change", showChosen);

  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (e) {
      e.preventDefault();
      zone.classList.add("is-over");
    });
  });
  ["dragleave", "dragend"].forEach(function (type) {
    zone.addEventListener(type, function () { zone.classList.remove("is-over"); });
  });
  zone.addEventListener("drop", function (e) {
    e.preventDefault();
    zone.classList.remove("is-over");
    if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      showChosen();
      input.focus();
    }
  });

  // The form is sent with fetch, so that an error (a busy server, a file refused)
  // leaves the page and the chosen files as they were; a busy server (503) is asked
  // once more after its Retry-After, and the person is told so.
  function errorText(html, code) {
    try {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var main = doc.querySelector("main") || doc.body;
      var h = main.querySelector("h1");
      var p = main.querySelector("p");
      var t = ((h ? h.textContent : "") + (p ? " " + p.textContent : "")).trim();
      if (t) { return t; }
    } catch (err) { /* fall through */ }
    return (fr ? "Erreur " : "Error ") + code;
  }

  function send(button, retried) {
    status.textContent = fr ? "Vérification en cours…" : "Checking…";
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (res) {
        if (res.ok) {
          window.location.assign(res.url);
          return null;
        }
        if (res.status === 503 && !retried) {
          var wait = parseInt(res.headers.get("Retry-After"), 10);
          if (!(wait > 0 && wait <= 120)) { wait = 5; }
          status.textContent = fr
            ? "Le serveur est occupé : nouvel essai dans " + wait + " s, vos fichiers restent choisis."
            : "The server is busy: trying again in " + wait + " s; your files stay chosen.";
          setTimeout(function () { send(button, true); }, wait * 1000);
          return null;
        }
        return res.text().then(function (html) {
          status.textContent = errorText(html, res.status);
          if (button) { button.removeAttribute("aria-disabled"); }
        });
      })
      .catch(function () {
        status.textContent = fr
          ? "Le serveur ne répond pas. Vos fichiers restent choisis : réessayez dans un moment."
          : "The server does not answer. Your files stay chosen: try again in a moment.";
        if (button) { button.removeAttribute("aria-disabled"); }
      });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (!showChosen()) {
      input.focus();
      return;
    }
    var button = form.querySelector("button[type=submit]");
    if (button) {
      if (button.getAttribute("aria-disabled") === "true") { return; }
      button.setAttribute("aria-disabled", "true");
    }
    if (!window.fetch || !window.FormData) {
      form.submit();
      return;
    }
    send(button, false);
  });
})();
