// Focus+ upload page enhancements. The form works without this script: it only adds
// drag and drop onto the file area, lists the chosen files, warns early about the size
// limit and says that checking is under way.
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

  form.addEventListener("submit", function (e) {
    if (!showChosen()) {
      e.preventDefault();
      input.focus();
      return;
    }
    status.textContent = fr ? "Vérification en cours…" : "Checking…";
    var button = form.querySelector("button[type=submit]");
    if (button) { button.setAttribute("aria-disabled", "true"); }
  });
})();
