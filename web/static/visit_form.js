// Progressive enhancement of the visit form: add problem rows, search registered enterprises.
// The form works without this file (more rows via ?rows=N, the credit code typed by hand).
(function () {
  "use strict";
  var form = document.getElementById("visit-form");
  if (!form) { return; }

  // --- problem rows -------------------------------------------------------------------------
  var addButton = document.getElementById("add-problem");
  var moreRows = document.getElementById("more-rows");
  var ROW_PATTERN = /problems\[\d+\]\./g;

  function renumber(element, index) {
    ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
      var value = element.getAttribute(attr);
      if (value) { element.setAttribute(attr, value.replace(ROW_PATTERN, "problems[" + index + "].")); }
    });
  }

  function addRow() {
    var rows = form.querySelectorAll(".problem-row");
    var last = rows[rows.length - 1];
    var next = 0;
    rows.forEach(function (row) { next = Math.max(next, parseInt(row.getAttribute("data-row"), 10) + 1); });
    var row = last.cloneNode(true);
    row.setAttribute("data-row", String(next));
    row.querySelectorAll(".field-error").forEach(function (el) { el.remove(); });
    row.querySelectorAll("[name], [id], label[for]").forEach(function (el) {
      renumber(el, next);
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
      if (el.tagName === "TEXTAREA" || el.tagName === "INPUT") { el.value = ""; }
      if (el.tagName === "SELECT") { el.selectedIndex = 0; }
    });
    row.querySelector(".row-number").textContent = String(rows.length + 1);
    last.parentNode.insertBefore(row, last.nextSibling);
    row.querySelector("select").focus();
  }

  if (addButton) {
    addButton.hidden = false;
    if (moreRows) { moreRows.hidden = true; }
    addButton.addEventListener("click", addRow);
  }

  // --- enterprise search --------------------------------------------------------------------
  var search = document.getElementById("enterprise-search");
  var query = document.getElementById("enterprise-q");
  var results = document.getElementById("enterprise-results");
  var picked = document.getElementById("enterprise-picked");
  var uscc = document.getElementById("uscc");
  var newEnterprise = document.getElementById("new-enterprise");
  var timer = null;
  var latest = 0;

  function setValue(id, value) {
    var el = document.getElementById(id);
    if (el && value) { el.value = value; }
  }

  function pick(enterprise) {
    uscc.value = enterprise.uscc;
    setValue("enterprise_name", enterprise.name);
    setValue("street", enterprise.street);
    setValue("industry", enterprise.industry);
    picked.textContent = "已选择已登记企业：" + enterprise.name;
    newEnterprise.hidden = true;
    results.replaceChildren();
    query.value = "";
  }

  function show(list) {
    results.replaceChildren();
    if (!list.length) {
      var none = document.createElement("li");
      none.className = "hint";
      none.textContent = "没有找到，可直接填写信用代码登记新企业";
      results.appendChild(none);
      return;
    }
    list.forEach(function (enterprise) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = enterprise.name;
      var sub = document.createElement("span");
      sub.className = "sub";
      sub.textContent = enterprise.uscc + (enterprise.street ? " · " + enterprise.street : "");
      button.appendChild(sub);
      button.addEventListener("click", function () { pick(enterprise); });
      item.appendChild(button);
      results.appendChild(item);
    });
  }

  function lookUp() {
    var text = query.value.trim();
    var ticket = ++latest;
    if (text.length < 2) { results.replaceChildren(); return; }
    fetch("/api/v1/enterprises?q=" + encodeURIComponent(text), {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      if (ticket !== latest) { return; }  // a newer search is on its way
      show(Array.isArray(data) ? data : (data.items || []));
    }).catch(function () {
      if (ticket === latest) { results.replaceChildren(); }
    });
  }

  if (search && query && uscc) {
    search.hidden = false;
    query.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 250);
    });
    uscc.addEventListener("input", function () {
      picked.textContent = "";
      newEnterprise.hidden = false;
    });
  }
}());
