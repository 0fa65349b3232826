// podnotes: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  var FACET_FILTER_MIN = 9; // a facet with more values than fit before "show more" gets a filter box
  var SUGGEST_DELAY_MS = 120;

  function onReady(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  // "/" focuses the search box, as on most search sites, unless the user is typing somewhere.
  function bindSlashKey(input) {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      var tag = target && target.tagName;
      var typing = (tag === "INPUT" && !/^(checkbox|radio|button|submit|reset)$/.test(target.type)) ||
        tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
      if (typing) return;
      event.preventDefault();
      input.focus();
      input.select();
    });
  }

  // Ticking a facet or changing the sort applies at once; the no-JS "Apply" buttons are hidden by CSS.
  function bindAutoSubmit(form) {
    var fields = document.querySelectorAll('.facet-value input[type="checkbox"], #sort, #date-from, #date-to');
    fields.forEach(function (field) {
      field.addEventListener("change", function () {
        if (!field.checkValidity()) return; // a half-typed date waits; the browser explains the pattern
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
      });
    });
  }

  // On a phone the filter panel starts folded so results come first; active filters still show as chips.
  function foldFacetsOnPhones() {
    var panel = document.querySelector(".facets-panel");
    if (panel && window.matchMedia("(max-width: 860px)").matches) panel.open = false;
  }

  // Long facet lists get a filter box that narrows the values shown and opens "show more".
  function addFacetFilters() {
    document.querySelectorAll("fieldset.facet[data-facet]").forEach(function (fieldset) {
      var rows = fieldset.querySelectorAll(".facet-value");
      var more = fieldset.querySelector(".facet-more");
      if (!more || rows.length < FACET_FILTER_MIN) return;
      var legend = fieldset.querySelector("legend");
      var box = document.createElement("input");
      box.type = "search";
      box.className = "facet-filter";
      box.placeholder = "Filter " + legend.textContent.trim().toLowerCase() + " values…";
      box.setAttribute("aria-label", "Filter " + legend.textContent.trim() + " values");
      legend.insertAdjacentElement("afterend", box);
      box.addEventListener("input", function () {
        var needle = box.value.trim().toLowerCase();
        if (needle) more.open = true;
        rows.forEach(function (row) {
          row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
        });
      });
    });
  }

  // Autocomplete: the WAI-ARIA combobox pattern over /api/suggest.
  function bindAutocomplete(input, list, form) {
    // Screen readers are told how many suggestions appeared, since focus stays in the box.
    var status = document.getElementById("suggest-status");
    var timer = null;
    var controller = null;
    var options = [];
    var active = -1;
    var lastQuery = "";

    function announce(text) {
      if (status && status.textContent !== text) status.textContent = text;
    }

    function close() {
      announce("");
      list.hidden = true;
      list.innerHTML = "";
      options = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        option.el.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].el.id);
        options[index].el.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var option = options[index];
      if (!option) return;
      input.value = option.value;
      close();
      window.location.assign(option.url);
    }

    function render(suggestions) {
      list.innerHTML = "";
      options = suggestions.map(function (s, i) {
        var li = document.createElement("li");
        li.id = "suggestion-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var kind = document.createElement("span");
        kind.className = "s-kind";
        kind.textContent = s.kind === "item" && s.type ? s.type : s.kind; // "book" says more than "item"
        var value = document.createElement("span");
        value.className = "s-value";
        value.textContent = s.value; // textContent, never innerHTML: values come from documents
        li.appendChild(kind);
        li.appendChild(value);
        li.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the box so the list does not close first
          choose(i);
        });
        list.appendChild(li);
        return { el: li, value: s.value, url: s.url };
      });
      active = -1;
      var open = options.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      announce(open ? options.length + (options.length === 1 ? " suggestion" : " suggestions") +
        ", use the up and down arrows to choose" : "No suggestions");
    }

    function fetchSuggestions(query) {
      if (controller) controller.abort();
      controller = new AbortController();
      fetch("/api/suggest?q=" + encodeURIComponent(query), {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          if (input.value.trim() === query) render(data.suggestions || []);
        })
        .catch(function (error) {
          if (error.name !== "AbortError") close();
        });
    }

    input.addEventListener("input", function () {
      var query = input.value.trim();
      clearTimeout(timer);
      if (query === lastQuery) return;
      lastQuery = query;
      if (!query) { close(); return; }
      timer = setTimeout(function () { fetchSuggestions(query); }, SUGGEST_DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown") {
        if (!open) return;
        event.preventDefault();
        highlight(active + 1 >= options.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp") {
        if (!open) return;
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", function () { setTimeout(close, 100); });
    form.addEventListener("submit", close);
  }

  // Empty fields and defaults are left out of the URL so permalinks stay short and readable.
  function bindCleanSubmit(form) {
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (field) {
        var isDefaultSort = field.name === "sort" && field.value === "relevance";
        if (field.name && (field.value === "" || isDefaultSort)) field.disabled = true;
      });
    });
    // Coming back through history shows the page as it was left: re-enable what was disabled above.
    window.addEventListener("pageshow", function () {
      Array.prototype.forEach.call(form.elements, function (field) { field.disabled = false; });
    });
  }

  onReady(function () {
    var form = document.getElementById("search-form");
    var input = document.getElementById("q");
    var list = document.getElementById("suggestions");
    if (input) bindSlashKey(input);
    if (form) bindAutoSubmit(form);
    if (form) bindCleanSubmit(form);
    if (form && input && list && window.fetch) bindAutocomplete(input, list, form);
    foldFacetsOnPhones();
    addFacetFilters();
  });
})();
