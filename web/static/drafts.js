// Drafts of what a person types into a page's forms, kept in this browser (localStorage) until the server
// confirms that the form was stored, so that a session that runs out, a lost connection or a refused form
// loses nothing: when the form is drawn again (after logging in, say) the draft is written back into it.
// Nothing is ever sent from here: the person checks the form and presses its button again.
// The server confirms with the short-lived cookie `ganxin_saved` naming the form's target (web/pages/common.py).
(function () {
  "use strict";
  var PREFIX = "ganxin-draft:";
  var KEEP_MS = 7 * 24 * 3600 * 1000;
  var SAVED_COOKIES = ["ganxin_saved", "__Host-ganxin_saved"];
  var NOT_KEPT = ["csrf_token", "expected_version", "next"];
  var SKIPPED_TYPES = ["hidden", "password", "file", "submit", "button", "reset", "image"];

  var store = null;
  try { store = window.localStorage; } catch (e) { store = null; }
  var owner = document.querySelector("[data-user]");
  var user = owner ? owner.getAttribute("data-user") : "";
  if (!store || !user) { return; }  // drafts belong to a logged-in person

  function targetOf(form) {
    return new URL(form.getAttribute("action") || location.pathname, location.href).pathname;
  }

  function keyOf(target) { return PREFIX + encodeURIComponent(user) + ":" + target; }

  function draftKeyOf(target) {
    // A form that posts to its own page (the service stars of a period) keeps one draft per query.
    return keyOf(target) + (target === location.pathname ? location.search : "");
  }

  function forgetForm(target) {
    var key = keyOf(target);
    for (var i = store.length - 1; i >= 0; i--) {
      var found = store.key(i);
      if (found === key || (found && found.indexOf(key + "?") === 0)) { store.removeItem(found); }
    }
  }

  function read(key) {
    try { return JSON.parse(store.getItem(key) || "null"); } catch (e) { return null; }
  }

  function write(key, value) {
    try { store.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full or refused */ }
  }

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !el.disabled && NOT_KEPT.indexOf(el.name) < 0 && SKIPPED_TYPES.indexOf(el.type) < 0 &&
        /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
    });
  }

  function collect(form) {
    var values = {};
    fieldsOf(form).forEach(function (el) {
      var list = values[el.name] || (values[el.name] = []);
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) { list.push(el.value); }
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { list.push(o.value); });
      } else {
        list.push(el.value);
      }
    });
    return values;
  }

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }

  function growRows(form, values) {
    // A form that adds rows by script (the visit form's problems) gets as many rows as the draft had.
    var add = form.querySelector("[data-add-row]");
    for (var tries = 0; add && !add.hidden && tries < 30; tries++) {
      var missing = Object.keys(values).some(function (name) { return !form.elements.namedItem(name); });
      if (!missing) { break; }
      add.click();
    }
  }

  function fill(form, values) {
    growRows(form, values);
    var position = {};
    fieldsOf(form).forEach(function (el) {
      var list = values[el.name];
      if (!list) { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = list.indexOf(el.value) >= 0;
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = list.indexOf(o.value) >= 0; });
      } else {
        var i = position[el.name] || 0;
        position[el.name] = i + 1;
        if (i < list.length && (el.tagName !== "SELECT" || hasOption(el, list[i]))) { el.value = list[i]; }
      }
    });
  }

  function clock(ms) {
    var d = new Date(ms);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return (d.getMonth() + 1) + "月" + d.getDate() + "日 " + two(d.getHours()) + ":" + two(d.getMinutes());
  }

  function announce(form, key, draft) {
    var note = document.createElement("div");
    note.className = "alert alert-past draft-restored";
    note.setAttribute("role", "status");
    var text = document.createElement("p");
    text.textContent = "已填回您在本机保存、尚未提交成功的内容（" + clock(draft.saved_at) + "），请核对后再提交。";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "secondary draft-discard";
    discard.textContent = "不用了，清空这些内容";
    discard.addEventListener("click", function () {
      store.removeItem(key);
      form.reset();
      note.remove();
    });
    note.appendChild(text);
    note.appendChild(discard);
    form.insertBefore(note, form.firstChild);
    var section = form.closest("details");
    if (section) { section.open = true; }
  }

  function keep(form, key) {
    var draft = read(key) || {};
    write(key, { saved_at: Date.now(), sent_at: draft.sent_at || null, page: location.pathname + location.search,
                 fields: collect(form) });
  }

  function confirmedTarget() {
    var found = null;
    document.cookie.split(";").forEach(function (pair) {
      var eq = pair.indexOf("=");
      var name = pair.slice(0, eq).trim();
      if (SAVED_COOKIES.indexOf(name) >= 0) {
        try { found = decodeURIComponent(pair.slice(eq + 1).trim()); } catch (e) { found = null; }
        document.cookie = name + "=; Max-Age=0; Path=/; SameSite=Strict" + (name.indexOf("__Host-") === 0 ? "; Secure" : "");
      }
    });
    return found;
  }

  function forgetOld() {
    var now = Date.now();
    for (var i = store.length - 1; i >= 0; i--) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0) {
        var draft = read(key);
        if (!draft || !draft.saved_at || now - draft.saved_at > KEEP_MS) { store.removeItem(key); }
      }
    }
  }

  function forgetMine() {
    var mine = PREFIX + encodeURIComponent(user) + ":";
    for (var i = store.length - 1; i >= 0; i--) {
      var key = store.key(i);
      if (key && key.indexOf(mine) === 0) { store.removeItem(key); }
    }
  }

  var confirmed = confirmedTarget();
  if (confirmed) { forgetForm(confirmed); }
  forgetOld();

  Array.prototype.forEach.call(document.querySelectorAll("form"), function (form) {
    var target = targetOf(form);
    if (target === "/logout") {
      form.addEventListener("submit", forgetMine);  // logging out on purpose: leave nothing behind
      return;
    }
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post" || form.hasAttribute("data-no-draft")) {
      return;
    }
    var key = draftKeyOf(target);
    var draft = read(key);
    if (draft && draft.fields) {
      var drawn = JSON.stringify(collect(form));
      fill(form, draft.fields);
      if (JSON.stringify(collect(form)) !== drawn) { announce(form, key, draft); }
    }
    form.addEventListener("input", function () { keep(form, key); });
    form.addEventListener("change", function () { keep(form, key); });
    form.addEventListener("submit", function () {
      keep(form, key);
      var kept = read(key);
      if (kept) { kept.sent_at = Date.now(); write(key, kept); }
    });
  });
}());
